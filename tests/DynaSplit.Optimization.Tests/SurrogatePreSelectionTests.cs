using DynaSplit.Optimization.Evolutionary;
using DynaSplit.Optimization.Surrogates;
using DynaSplit.Spaces;

namespace DynaSplit.Optimization.Tests;

public sealed class SurrogatePreSelectionTests
{
    // Two integer parameters 0..20; both objectives are a + b (minimized), so lower sums dominate higher ones.
    private static readonly ConfigurationSpace Space = new([new IntegerParameter("a", 0, 20), new IntegerParameter("b", 0, 20)]);

    [Test]
    public void ACandidatePredictedToDominateTheFrontRanksFirst()
    {
        var selection = Trained(kappa: 0);
        double[][] candidates = [[20, 20], [1, 0], [12, 12], [6, 6]];
        var front = new List<double[]> { new double[] { 10, 10 } };

        var order = selection.Choose(candidates, 4, front);
        Assert.That(order, Is.EqualTo(new[] { 0, 1, 2, 3 }), "asking for as many as there are returns them as bred");

        var best = selection.Choose(candidates, 1, front);
        Assert.That(best, Is.EqualTo(new[] { 1 }), "(1, 0) is predicted at sum 1, far below the front's 10");
        var two = selection.Choose(candidates, 2, front);
        Assert.That(two, Is.EqualTo(new[] { 1, 3 }), "then (6, 6) at 12; (12, 12) and (20, 20) are predicted dominated");
    }

    [Test]
    public void WithTooLittleDataOrNoFrontItDefersToTheBredOrder()
    {
        var selection = new SurrogatePreSelection(new GenomeCodec(Space), kappa: 2, maxObservations: 400);
        selection.Add([3, 4], [7, 7]);
        selection.Add([9, 9], [18, 18]);
        double[][] candidates = [[0, 0], [20, 20]];
        Assert.That(selection.Choose(candidates, 1, [new double[] { 7, 7 }]), Is.Null, "two observations are too few to fit");
        Assert.That(Trained(kappa: 2).Choose(candidates, 1, []), Is.Null, "nothing to improve on");
    }

    [Test]
    public void ExplorationPrefersTheUnknownAmongEquallyPredictedCandidates()
    {
        // Observations only in the corner a, b <= 5, all with the same objective values: the mean is flat, so the
        // lower confidence bound is lowest where the process knows least.
        var selection = new SurrogatePreSelection(new GenomeCodec(Space), kappa: 2, maxObservations: 400);
        for (var a = 0; a <= 5; a++)
        {
            for (var b = 0; b <= 5; b++)
            {
                selection.Add([a, b], [5, 5]);
            }
        }

        double[][] candidates = [[3, 3], [20, 20]];
        Assert.That(selection.Choose(candidates, 1, [new double[] { 5, 5 }]), Is.EqualTo(new[] { 1 }));
    }

    private static SurrogatePreSelection Trained(double kappa)
    {
        var selection = new SurrogatePreSelection(new GenomeCodec(Space), kappa, maxObservations: 400);
        var random = new Random(3);
        for (var i = 0; i < 40; i++)
        {
            var a = random.Next(21);
            var b = random.Next(21);
            selection.Add([a, b], [a + b + 1, a + b + 1]);
        }

        return selection;
    }
}
