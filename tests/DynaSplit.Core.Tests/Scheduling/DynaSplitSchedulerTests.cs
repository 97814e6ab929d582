using DynaSplit.Objectives;
using DynaSplit.Scheduling;
using DynaSplit.Spaces;

namespace DynaSplit.Core.Tests.Scheduling;

public sealed class DynaSplitSchedulerTests
{
    private static readonly ConfigurationSpace Space = new([new IntegerParameter("layer", 0, 999, 1, ParameterRole.SplitPoint)]);

    private static LookupEntry Entry(int layer, double latency, double energy, double? accuracy = null) =>
        new(Space.Create([layer]), latency, energy, accuracy);

    private static LookupTable Table(params LookupEntry[] entries) => new(Space, WellKnownObjectives.LatencyEnergyAccuracy, entries);

    [Test]
    public void PicksTheLowestEnergyEntryWithinTheThreshold()
    {
        var scheduler = new DynaSplitScheduler(Table(
            Entry(1, latency: 100, energy: 60),
            Entry(2, latency: 250, energy: 20),
            Entry(3, latency: 450, energy: 2),
            Entry(4, latency: 300, energy: 15)));

        Assert.That(scheduler.SelectEntry(1000).Configuration[0], Is.EqualTo(3));
        Assert.That(scheduler.SelectEntry(450).Configuration[0], Is.EqualTo(3), "a latency equal to the threshold meets it");
        Assert.That(scheduler.SelectEntry(449.9).Configuration[0], Is.EqualTo(4));
        Assert.That(scheduler.SelectEntry(260).Configuration[0], Is.EqualTo(2));
        Assert.That(scheduler.SelectEntry(100).Configuration[0], Is.EqualTo(1));
    }

    [Test]
    public void FallsBackToTheFastestWhenNothingMeetsTheThreshold()
    {
        var scheduler = new DynaSplitScheduler(Table(Entry(1, 120, 60), Entry(2, 90, 70), Entry(3, 450, 2)));
        Assert.That(scheduler.SelectEntry(50).Configuration[0], Is.EqualTo(2));
        Assert.That(scheduler.Select(new InferenceRequest(double.NaN))[0], Is.EqualTo(2), "a NaN threshold is met by nothing");
    }

    [Test]
    public void EnergyTiesGoToTheMoreAccurateEntry()
    {
        var scheduler = new DynaSplitScheduler(Table(Entry(1, 100, 10, 0.60), Entry(2, 100, 10, 0.70), Entry(3, 100, 10, 0.65)));
        Assert.That(scheduler.SelectEntry(200).Configuration[0], Is.EqualTo(2));
        Assert.That(scheduler.Ordered.Select(e => e.Accuracy), Is.EqualTo(new double?[] { 0.70, 0.65, 0.60 }));
    }

    [Test]
    public void MatchesTheLinearScanOfThePaperOnRandomTables()
    {
        var random = new Random(42);
        for (var round = 0; round < 50; round++)
        {
            var entries = Enumerable.Range(0, 1 + random.Next(200))
                .Select(i => Entry(i, Math.Round(50 + (random.NextDouble() * 500)), Math.Round(random.NextDouble() * 70, 1), Math.Round(random.NextDouble(), 2)))
                .ToArray();
            var scheduler = new DynaSplitScheduler(Table(entries));
            var sorted = entries.OrderBy(e => e.EnergyJ).ThenByDescending(e => e.Accuracy).ThenBy(e => e.LatencyMs).ToArray();
            var fastest = entries.Min(e => e.LatencyMs);
            for (var probe = 0; probe < 50; probe++)
            {
                var threshold = 40 + (random.NextDouble() * 520);
                var expected = sorted.FirstOrDefault(e => e.LatencyMs <= threshold);
                var chosen = scheduler.SelectEntry(threshold);
                if (expected is null)
                {
                    Assert.That(chosen.LatencyMs, Is.EqualTo(fastest));
                }
                else
                {
                    Assert.That((chosen.EnergyJ, chosen.Accuracy, chosen.LatencyMs), Is.EqualTo((expected.EnergyJ, expected.Accuracy, expected.LatencyMs)));
                }
            }
        }
    }

    [Test]
    public void AnEmptyTableIsRefused()
    {
        Assert.That(() => new DynaSplitScheduler(Table()), Throws.ArgumentException.With.Message.Contains("run the offline phase first"));
    }
}
