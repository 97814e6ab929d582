using DynaSplit.Optimization.Surrogates;

namespace DynaSplit.Optimization.Tests;

public sealed class GaussianProcessTests
{
    // f(x, c) = sin(3x) + (c == 1 ? 1 : 0) over x in [0, 1] (21 levels) and a categorical c with 3 levels.
    private static double F(double x, int c) => Math.Sin(3 * x) + (c == 1 ? 1 : 0);

    [Test]
    public void PredictsHeldOutPointsOfASmoothFunctionWithACategoricalShift()
    {
        var train = new List<double[]>();
        var test = new List<double[]>();
        for (var level = 0; level <= 20; level++)
        {
            for (var c = 0; c < 3; c++)
            {
                (level % 2 == 0 ? train : test).Add([level / 20.0, c]);
            }
        }

        var y = Standardize(train.Select(p => F(p[0], (int)p[1])).ToArray(), out var mean, out var scale);
        var process = new GaussianProcess([false, true]);
        Assert.That(process.Fit(train.ToArray(), y, searchHyperparameters: true), Is.True);

        var worst = test.Max(p => Math.Abs((process.Predict(p).Mean * scale) + mean - F(p[0], (int)p[1])));
        TestContext.Out.WriteLine($"length scales {string.Join(", ", process.LengthScales)}, noise {process.Noise}, worst error {worst:G3}");
        Assert.That(worst, Is.LessThan(0.05), "held-out points between training levels are interpolated");
    }

    [Test]
    public void UncertaintyIsSmallAtDataAndLargeFarFromIt()
    {
        double[][] x = [[0.0], [0.05], [0.1], [0.15], [0.2]];
        var y = Standardize(x.Select(p => p[0] * p[0]).ToArray(), out _, out _);
        var process = new GaussianProcess([false]);
        Assert.That(process.Fit(x, y, searchHyperparameters: false), Is.True);

        var near = process.Predict([0.1]).StandardDeviation;
        var far = process.Predict([1.0]).StandardDeviation;
        Assert.That(near, Is.LessThan(0.2));
        Assert.That(far, Is.GreaterThan(0.9), "a point far from every observation keeps the prior's unit deviation");
    }

    [Test]
    public void TheHyperparameterSearchRaisesTheLikelihood()
    {
        var random = new Random(4);
        var x = Enumerable.Range(0, 40).Select(_ => new[] { random.NextDouble(), random.NextDouble() }).ToArray();
        // Only the first input matters, on a short length scale; the second is irrelevant.
        var y = Standardize(x.Select(p => Math.Sin(12 * p[0])).ToArray(), out _, out _);

        var fixedProcess = new GaussianProcess([false, false]);
        Assert.That(fixedProcess.Fit(x, y, searchHyperparameters: false), Is.True);
        var searched = new GaussianProcess([false, false]);
        Assert.That(searched.Fit(x, y, searchHyperparameters: true), Is.True);

        Assert.That(searched.LogLikelihood, Is.GreaterThan(fixedProcess.LogLikelihood));
        Assert.That(searched.LengthScales[1], Is.GreaterThan(searched.LengthScales[0]), "the irrelevant input gets the longer length scale");
    }

    [Test]
    public void RefittingWithFewerPointsMatchesAFreshProcess()
    {
        var random = new Random(2);
        var x = Enumerable.Range(0, 70).Select(_ => new[] { random.NextDouble() }).ToArray();
        var y = Standardize(x.Select(p => Math.Cos(5 * p[0])).ToArray(), out _, out _);
        var reused = new GaussianProcess([false]);
        Assert.That(reused.Fit(x, y, searchHyperparameters: false), Is.True);
        Assert.That(reused.Fit(x[..10], y[..10], searchHyperparameters: false), Is.True, "the buffers of 70 now hold 10");
        var fresh = new GaussianProcess([false]);
        Assert.That(fresh.Fit(x[..10], y[..10], searchHyperparameters: false), Is.True);

        Assert.That(reused.LogLikelihood, Is.EqualTo(fresh.LogLikelihood));
        Assert.That(reused.Predict([0.33]), Is.EqualTo(fresh.Predict([0.33])));
    }

    [Test]
    public void ConstantOutputsFitAndNonFiniteOnesAreRefused()
    {
        double[][] x = [[0.0], [0.5], [1.0]];
        var process = new GaussianProcess([false]);
        Assert.That(process.Fit(x, [0, 0, 0], searchHyperparameters: true), Is.True);
        Assert.That(process.Predict([0.25]).Mean, Is.EqualTo(0).Within(1e-9));

        Assert.That(process.Fit(x, [0, double.NaN, 1], searchHyperparameters: true), Is.False);
        Assert.That(process.IsFitted, Is.False, "a refused fit leaves no stale model behind");
    }

    [Test]
    public void PredictingBeforeFittingSaysSo() =>
        Assert.That(() => new GaussianProcess([false]).Predict([0.5]), Throws.InvalidOperationException.With.Message.Contains("not fitted"));

    private static double[] Standardize(double[] values, out double mean, out double scale)
    {
        var m = values.Average();
        var s = Math.Sqrt(values.Sum(v => (v - m) * (v - m)) / values.Length);
        mean = m;
        scale = s;
        return values.Select(v => (v - m) / s).ToArray();
    }
}
