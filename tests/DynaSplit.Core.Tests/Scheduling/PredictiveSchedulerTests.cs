using DynaSplit.Objectives;
using DynaSplit.Scheduling;
using DynaSplit.Spaces;
using DynaSplit.Trials;

namespace DynaSplit.Core.Tests.Scheduling;

public sealed class PredictiveSchedulerTests
{
    private static readonly ConfigurationSpace Space = new(
    [
        new IntegerParameter("layer", 0, 999, 1, ParameterRole.SplitPoint),
        new OrdinalParameter("cpu-freq", [600, 1800], ParameterRole.EdgeCpuFrequency, "MHz"),
    ]);

    /// <summary>An entry with a breakdown: edge, transfer and cloud ms, edge and cloud J, bytes crossing the cut.</summary>
    private static LookupEntry Entry(int layer, double edgeMs, double transferMs, double cloudMs, double edgeJ, double cloudJ, long bytes, int cpu = 1800) =>
        new(Space.Create([layer, cpu]), edgeMs + transferMs + cloudMs, edgeJ + cloudJ, null)
        {
            Latency = new LatencyBreakdown(edgeMs, transferMs, cloudMs),
            Energy = new EnergyBreakdown(edgeJ, cloudJ),
            TransferredBytes = bytes,
        };

    private static LookupTable Table(params LookupEntry[] entries) => new(Space, WellKnownObjectives.LatencyEnergy, entries);

    // Recorded on 800 Mbit/s with a 2 ms round trip: 1 MB takes 2 + 10 ms, 10 kB 2 + 0.1 ms.
    private static readonly LookupEntry CloudHeavy = Entry(1, edgeMs: 10, transferMs: 12, cloudMs: 28, edgeJ: 0.5, cloudJ: 59.5, bytes: 1_000_000);   // 50 ms, 60 J
    private static readonly LookupEntry SmallCut = Entry(18, edgeMs: 80, transferMs: 2.1, cloudMs: 17.9, edgeJ: 1, cloudJ: 39, bytes: 10_000);      // 100 ms, 40 J
    private static readonly LookupEntry EdgeOnly = Entry(22, edgeMs: 400, transferMs: 0, cloudMs: 0, edgeJ: 2, cloudJ: 0, bytes: 0);                 // 400 ms, 2 J

    private static SchedulingContext Context(double threshold, LinkEstimate? link = null, Configuration? current = null, ISwitchCostModel? costs = null) =>
        new(new InferenceRequest(threshold), current, TimeSpan.Zero, link, costs);

    [Test]
    public void WithoutALinkEstimateItChoosesWhatThePublishedSchedulerChooses()
    {
        var random = new Random(7);
        for (var round = 0; round < 30; round++)
        {
            var entries = Enumerable.Range(0, 1 + random.Next(120))
                .Select(i => Entry(i, Math.Round(random.NextDouble() * 300), Math.Round(random.NextDouble() * 50), Math.Round(random.NextDouble() * 100), Math.Round(random.NextDouble() * 3, 1), Math.Round(random.NextDouble() * 60), random.Next(0, 3_000_000), cpu: random.Next(2) == 0 ? 600 : 1800))
                .ToArray();
            var table = Table(entries);
            var published = new DynaSplitScheduler(table);
            var predictive = new PredictiveScheduler(table);
            for (var probe = 0; probe < 40; probe++)
            {
                var threshold = random.NextDouble() * 500;
                Assert.That(predictive.SelectEntry(Context(threshold)), Is.SameAs(published.SelectEntry(threshold)), $"round {round}, threshold {threshold}");
            }
        }
    }

    [Test]
    public void ASlowLinkRulesOutTheEntriesThatSendALot()
    {
        var scheduler = new PredictiveScheduler(Table(CloudHeavy, SmallCut, EdgeOnly));
        var fast = new LinkEstimate(800e6, 2, 10);
        var slow = new LinkEstimate(10e6, 2, 10);

        Assert.That(scheduler.SelectEntry(Context(90, fast)), Is.SameAs(CloudHeavy));
        Assert.That(scheduler.PredictLatencyMs(CloudHeavy, slow), Is.EqualTo(10 + 2 + 800 + 28).Within(1e-9));
        Assert.That(scheduler.PredictLatencyMs(SmallCut, slow), Is.EqualTo(80 + 2 + 8 + 17.9).Within(1e-9));
        Assert.That(scheduler.PredictLatencyMs(EdgeOnly, slow), Is.EqualTo(400), "nothing crosses the link: no round trip either");

        Assert.That(scheduler.SelectEntry(Context(150, slow)), Is.SameAs(SmallCut), "the small cut now meets 150 ms and the big one does not");
        Assert.That(scheduler.SelectEntry(Context(90, slow)), Is.SameAs(SmallCut), "nothing meets 90 ms: the fastest predicted, not the fastest recorded");
        Assert.That(new DynaSplitScheduler(Table(CloudHeavy, SmallCut, EdgeOnly)).SelectEntry(90), Is.SameAs(CloudHeavy), "the published rule keeps the recorded latency");
    }

    [Test]
    public void TheSwitchCostKeepsTheCurrentConfigurationWhenSwitchingWouldMissTheThreshold()
    {
        var current = Entry(5, edgeMs: 40, transferMs: 5, cloudMs: 35, edgeJ: 1, cloudJ: 49, bytes: 300_000, cpu: 600);   // 80 ms, 50 J
        var cheaper = Entry(6, edgeMs: 50, transferMs: 5, cloudMs: 35, edgeJ: 1, cloudJ: 29, bytes: 300_000, cpu: 1800);  // 90 ms, 30 J
        var scheduler = new PredictiveScheduler(Table(current, cheaper));
        var costs = new ConstantSwitchCost(150);

        Assert.That(scheduler.SelectEntry(Context(200, current: current.Configuration)), Is.SameAs(cheaper), "free switching");
        Assert.That(scheduler.SelectEntry(Context(200, current: current.Configuration, costs: costs)), Is.SameAs(current), "90 + 150 > 200");
        Assert.That(scheduler.SelectEntry(Context(240, current: current.Configuration, costs: costs)), Is.SameAs(cheaper), "90 + 150 <= 240");
        Assert.That(scheduler.SelectEntry(Context(200, current: cheaper.Configuration, costs: costs)), Is.SameAs(cheaper), "already there");
        Assert.That(scheduler.SelectEntry(Context(85, current: cheaper.Configuration, costs: costs)), Is.SameAs(cheaper), "nothing meets 85 ms; staying (90) beats switching (80 + 150)");
    }

    [Test]
    public void TheSafetyMarginLeavesRoom()
    {
        var scheduler = new PredictiveScheduler(Table(CloudHeavy, SmallCut), new PredictiveSchedulerOptions { SafetyMarginFraction = 0.1, SafetyMarginMs = 5 });
        Assert.That(scheduler.SelectEntry(Context(100)), Is.SameAs(CloudHeavy), "100 ms entry needs 100 / 0.9 + 5 ms");
        Assert.That(scheduler.SelectEntry(Context(117)), Is.SameAs(SmallCut));
        Assert.That(() => new PredictiveScheduler(Table(CloudHeavy), new PredictiveSchedulerOptions { SafetyMarginFraction = 1 }), Throws.InstanceOf<ArgumentOutOfRangeException>());
    }

    [Test]
    public void TransferEnergyScalesWithTheTransferTime()
    {
        // SmallCut's edge drew 1 J over 80 + 2.1 ms: 12.18 W while waiting; 10 kB at 10 Mbit/s is 5.9 ms more than recorded.
        var table = Table(SmallCut);
        var slow = new LinkEstimate(10e6, 2, 10);
        var extraMs = 80 + 2 + 8 + 17.9 - 100;
        Assert.That(new PredictiveScheduler(table).PredictEnergyJ(SmallCut, slow), Is.EqualTo(40 + (1 / 82.1 * extraMs)).Within(1e-9));
        Assert.That(new PredictiveScheduler(table, new PredictiveSchedulerOptions { ScaleTransferEnergy = false }).PredictEnergyJ(SmallCut, slow), Is.EqualTo(40));
    }

    [Test]
    public void RelativeToTheRecordedLinkThePredictionOnThatLinkIsTheRecordedLatency()
    {
        var recorded = new LinkEstimate(800e6, 2, 0);
        var noisy = Entry(3, edgeMs: 10, transferMs: 30, cloudMs: 28, edgeJ: 0.5, cloudJ: 59.5, bytes: 1_000_000); // its trial saw 30 ms, not 12
        var scheduler = new PredictiveScheduler(Table(noisy), new PredictiveSchedulerOptions { RecordedLink = recorded });
        Assert.That(scheduler.PredictLatencyMs(noisy, recorded), Is.EqualTo(68).Within(1e-9));
        Assert.That(scheduler.PredictLatencyMs(noisy, new LinkEstimate(80e6, 2, 5)), Is.EqualTo(68 - 10 + 100).Within(1e-9), "only the serialization is rescaled");
        Assert.That(new PredictiveScheduler(Table(noisy)).PredictLatencyMs(noisy, recorded), Is.EqualTo(10 + 2 + 10 + 28).Within(1e-9), "the absolute model drops the trial's noise");
    }

    [Test]
    public void ADecisionDoesNotAllocate()
    {
        var entries = Enumerable.Range(0, 100).Select(i => Entry(i, 10 + i, 5, 20, 0.01 * i, 50 - (0.4 * i), 10_000 * i, cpu: i % 2 == 0 ? 600 : 1800)).ToArray();
        var scheduler = new PredictiveScheduler(Table(entries));
        var costs = new ConstantSwitchCost(150);
        var context = Context(120, new LinkEstimate(50e6, 3, 4), entries[7].Configuration, costs);
        var tight = Context(1, new LinkEstimate(50e6, 3, 4), entries[7].Configuration, costs);
        scheduler.Select(context);
        scheduler.Select(tight);
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 1000; i++)
        {
            scheduler.Select(context);
            scheduler.Select(tight);
        }

        Assert.That(GC.GetAllocatedBytesForCurrentThread() - before, Is.Zero);
    }
}
