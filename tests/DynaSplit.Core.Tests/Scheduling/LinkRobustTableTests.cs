using DynaSplit.Objectives;
using DynaSplit.Optimization;
using DynaSplit.Scheduling;
using DynaSplit.Testbed;
using DynaSplit.Spaces;
using DynaSplit.Trials;

namespace DynaSplit.Core.Tests.Scheduling;

public sealed class LinkRobustTableTests
{
    private static readonly ConfigurationSpace Space = new(
    [
        new IntegerParameter("layer", 0, 999, 1, ParameterRole.SplitPoint),
        new OrdinalParameter("cpu-freq", [600, 1800], ParameterRole.EdgeCpuFrequency, "MHz"),
    ]);

    // Recorded on 800 Mbit/s with a 2 ms round trip: 1 MB takes 2 + 10 ms, 10 kB 2 + 0.1 ms.
    private static readonly LinkEstimate Recorded = new(800e6, 2, 10);

    private static LookupEntry Entry(int layer, double edgeMs, double transferMs, double cloudMs, double edgeJ, double cloudJ, long bytes, int cpu = 1800) =>
        new(Space.Create([layer, cpu]), edgeMs + transferMs + cloudMs, edgeJ + cloudJ, null)
        {
            Latency = new LatencyBreakdown(edgeMs, transferMs, cloudMs),
            Energy = new EnergyBreakdown(edgeJ, cloudJ),
            TransferredBytes = bytes,
        };

    // 50 ms, 60 J; on a tenth of the rate 140 ms and a little more energy.
    private static readonly LookupEntry CloudHeavy = Entry(1, edgeMs: 10, transferMs: 12, cloudMs: 28, edgeJ: 0.5, cloudJ: 59.5, bytes: 1_000_000);

    // 60 ms, 61 J: dominated by CloudHeavy on the recorded link, about 61 ms on a tenth of it, where it dominates CloudHeavy.
    private static readonly LookupEntry SmallCut = Entry(18, edgeMs: 40, transferMs: 2.1, cloudMs: 17.9, edgeJ: 1, cloudJ: 60, bytes: 10_000);

    // The same cut as SmallCut but slower and dearer: dominated on every link.
    private static readonly LookupEntry Worse = Entry(18, edgeMs: 50, transferMs: 2.1, cloudMs: 17.9, edgeJ: 2, cloudJ: 60, bytes: 10_000, cpu: 600);

    // 400 ms, 2 J: sends nothing.
    private static readonly LookupEntry EdgeOnly = Entry(22, edgeMs: 400, transferMs: 0, cloudMs: 0, edgeJ: 2, cloudJ: 0, bytes: 0);

    private static LookupTable Candidates(params LookupEntry[] entries) => new(Space, WellKnownObjectives.LatencyEnergy, entries);

    private static Dictionary<string, string> Marks(LookupTable table) =>
        table.Entries.ToDictionary(e => e.Configuration.Key, e => string.Join('+', e.KeptFor));

    [Test]
    public void WithoutScenariosItIsTheParetoSetOfTheRecordedLink()
    {
        var table = LinkRobustTable.Build(Candidates(CloudHeavy, SmallCut, Worse, EdgeOnly), Recorded, []);
        Assert.That(Marks(table), Is.EquivalentTo(new Dictionary<string, string>
        {
            [CloudHeavy.Configuration.Key] = "recorded",
            [EdgeOnly.Configuration.Key] = "recorded",
        }));
    }

    [Test]
    public void ASlowerLinkKeepsTheSmallCutThatTheRecordedLinkDominatesAndMarksIt()
    {
        var table = LinkRobustTable.Build(Candidates(CloudHeavy, SmallCut, Worse, EdgeOnly), Recorded, [LinkScenario.Fraction(0.1)]);
        Assert.That(Marks(table), Is.EquivalentTo(new Dictionary<string, string>
        {
            [CloudHeavy.Configuration.Key] = "recorded",
            [SmallCut.Configuration.Key] = "x0.1",
            [EdgeOnly.Configuration.Key] = "recorded+x0.1",
        }));
        Assert.That(table.Entries.Select(e => e.Configuration), Is.EqualTo(new[] { CloudHeavy.Configuration, SmallCut.Configuration, EdgeOnly.Configuration }), "the candidates' order");
        var kept = table.Entries[1];
        Assert.That((kept.LatencyMs, kept.EnergyJ, kept.TransferredBytes, kept.Latency), Is.EqualTo((SmallCut.LatencyMs, SmallCut.EnergyJ, SmallCut.TransferredBytes, SmallCut.Latency)), "recorded values are kept");

        // The same link given as a rate: the same entries, labelled with the rate.
        var byRate = LinkRobustTable.Build(Candidates(CloudHeavy, SmallCut, Worse, EdgeOnly), Recorded, [LinkScenario.Rate(80e6)]);
        Assert.That(byRate.Entries.Select(e => e.Configuration), Is.EqualTo(table.Entries.Select(e => e.Configuration)));
        Assert.That(byRate.Entries[1].KeptFor, Is.EqualTo(new[] { "80M" }));
    }

    [Test]
    public void ThePublishedSchedulerChoosesTheSameOnTheRobustTableAsOnThePlainOne()
    {
        var random = new Random(11);
        for (var round = 0; round < 25; round++)
        {
            var entries = Enumerable.Range(0, 1 + random.Next(80))
                .Select(i => Entry(i, Math.Round(random.NextDouble() * 300), 2 + Math.Round(random.NextDouble() * 20), Math.Round(random.NextDouble() * 100), Math.Round(random.NextDouble() * 3, 1), Math.Round(random.NextDouble() * 60), random.Next(0, 2_000_000), cpu: random.Next(2) == 0 ? 600 : 1800))
                .ToArray();
            var candidates = Candidates(entries);
            var plain = LinkRobustTable.Build(candidates, Recorded, []);
            var robust = LinkRobustTable.Build(candidates, Recorded, [LinkScenario.Fraction(0.1), LinkScenario.Fraction(0.01)]);
            Assert.That(robust.Entries, Has.Count.GreaterThanOrEqualTo(plain.Entries.Count));
            var published = new DynaSplitScheduler(plain);
            var onRobust = new DynaSplitScheduler(robust);
            for (var probe = 0; probe < 40; probe++)
            {
                var threshold = random.NextDouble() * 500;
                Assert.That(onRobust.SelectEntry(threshold).Configuration, Is.EqualTo(published.SelectEntry(threshold).Configuration), $"round {round}, threshold {threshold}");
            }
        }
    }

    [Test]
    public void KeptForSurvivesTheJsonFile()
    {
        var table = LinkRobustTable.Build(Candidates(CloudHeavy, SmallCut, EdgeOnly), Recorded, [LinkScenario.Fraction(0.1), LinkScenario.Rate(5.883e6)]);
        using var stream = new MemoryStream();
        LookupTableJson.Write(table, stream);
        var read = LookupTableJson.Read(stream.ToArray());
        Assert.That(read.Entries.Select(e => string.Join('+', e.KeptFor)), Is.EqualTo(table.Entries.Select(e => string.Join('+', e.KeptFor))));
        Assert.That(read.Entries[1].KeptFor, Is.EqualTo(new[] { "x0.1", "5.883M" }));
    }

    /// <summary>Measures the entries above by configuration; any other configuration is slow, dear and sends nothing.</summary>
    private sealed class EntryTestbed(params LookupEntry[] entries) : ITestbed
    {
        public ConfigurationSpace Space => LinkRobustTableTests.Space;

        public bool CanMeasure(string objective) => objective != "accuracy";

        public ValueTask<TrialMeasurement> EvaluateAsync(Configuration configuration, CancellationToken cancellationToken)
        {
            var entry = entries.FirstOrDefault(e => e.Configuration.Equals(configuration));
            return ValueTask.FromResult(entry is null
                ? new TrialMeasurement { LatencyMs = 1000, EnergyJ = 100, TransferredBytes = 0, Latency = new LatencyBreakdown(1000, 0, 0), Energy = new EnergyBreakdown(100, 0) }
                : new TrialMeasurement { LatencyMs = entry.LatencyMs, EnergyJ = entry.EnergyJ, TransferredBytes = entry.TransferredBytes, Latency = entry.Latency, Energy = entry.Energy });
        }
    }

    [Test]
    public async Task TheOfflinePhaseKeepsEntriesForSlowerLinksOnlyWhenAsked()
    {
        var testbed = new EntryTestbed(CloudHeavy, SmallCut, Worse, EdgeOnly);
        var options = new OfflinePhaseOptions { BudgetFraction = 1, Objectives = WellKnownObjectives.LatencyEnergy };
        var published = await new OfflinePhase(testbed, new ExhaustiveSearch()).RunAsync(options, CancellationToken.None);
        Assert.That(Marks(published.Table).Keys, Is.EquivalentTo(new[] { CloudHeavy.Configuration.Key, EdgeOnly.Configuration.Key }));
        Assert.That(published.Table.Entries.SelectMany(e => e.KeptFor), Is.Empty, "as published: no marks");

        options.KeepForLinks = new LinkRobustTableOptions { RecordedLink = Recorded, Scenarios = [LinkScenario.Fraction(0.1)] };
        var robust = await new OfflinePhase(testbed, new ExhaustiveSearch()).RunAsync(options, CancellationToken.None);
        Assert.That(Marks(robust.Table)[SmallCut.Configuration.Key], Is.EqualTo("x0.1"));
        Assert.That(robust.Table.Entries, Has.Count.EqualTo(3));
        Assert.That(robust.ParetoSet.Select(t => t.Configuration), Is.EqualTo(published.ParetoSet.Select(t => t.Configuration)), "the Pareto set is the measured link's");

        options.KeepForLinks = new LinkRobustTableOptions { RecordedLink = Recorded, Scenarios = [] };
        var error = Assert.ThrowsAsync<ArgumentException>(() => new OfflinePhase(testbed, new ExhaustiveSearch()).RunAsync(options, CancellationToken.None));
        Assert.That(error!.Message, Does.Contain("Scenarios is empty"));
    }

    [TestCase("0.1", 0.1, null)]
    [TestCase(" 1/100 ", 0.01, null)]
    [TestCase("1", 1.0, null)]
    [TestCase("5.883M", null, 5.883e6)]
    [TestCase("12mbit", null, 12e6)]
    public void ScenariosAreReadAsFractionsOrRates(string text, double? fraction, double? bitsPerSecond)
    {
        var scenario = LinkScenario.Parse(text);
        Assert.That(scenario.FractionOfRecorded, Is.EqualTo(fraction).Within(1e-12));
        Assert.That(scenario.BitsPerSecond, Is.EqualTo(bitsPerSecond).Within(1e-3));
        Assert.That(scenario.Resolve(Recorded).BandwidthBitsPerSecond, Is.EqualTo(bitsPerSecond ?? (fraction!.Value * 800e6)).Within(1e-3));
        Assert.That(scenario.Resolve(Recorded).RoundTripMs, Is.EqualTo(2));
    }

    [TestCase("2", "must be in (0, 1]")]
    [TestCase("0", "must be in (0, 1]")]
    [TestCase("abc", "neither a fraction")]
    [TestCase("-3M", "not a positive number of Mbit/s")]
    [TestCase("1/0", "not a fraction")]
    public void ABadScenarioIsRefusedSayingWhatIsAccepted(string text, string message)
    {
        var error = Assert.Throws<FormatException>(() => LinkScenario.ParseList($"0.1,{text}"));
        Assert.That(error!.Message, Does.Contain(text.Trim()).And.Contain(message));
    }
}
