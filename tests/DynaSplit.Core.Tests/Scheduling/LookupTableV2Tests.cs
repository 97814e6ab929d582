using System.Text;
using DynaSplit.Execution;
using DynaSplit.Objectives;
using DynaSplit.Planning;
using DynaSplit.Scheduling;
using DynaSplit.Spaces;
using DynaSplit.Trials;

namespace DynaSplit.Core.Tests.Scheduling;

public sealed class LookupTableV2Tests
{
    private static ConfigurationSpace Space() => new(
    [
        new OrdinalParameter("cpu_freq", [600_000, 1_800_000], unit: "kHz") { Setting = SettingKind.CpuFrequency, Tier = "edge" },
        new IntegerParameter("layer", 0, 33, 1, ParameterRole.SplitPoint),
        new CategoricalParameter("cloud-ep", ["CPU", "CUDA"]) { Setting = SettingKind.ExecutionProvider, Tier = "cloud" },
    ]);

    [Test]
    public void TheHeaderEveryObjectiveTheBreakdownsAndTheStagesSurviveARoundTrip()
    {
        var space = Space();
        var measurement = new TrialMeasurement
        {
            LatencyMs = 12.5,
            EnergyJ = 0.75,
            Latency = new LatencyBreakdown(4, 3, 5.5),
            Energy = new EnergyBreakdown(0.25, 0.5),
            TransferredBytes = 802_816,
            Extra = new Dictionary<string, double> { ["memory"] = 123 },
            Stages =
            [
                new StageMeasurement(0, "edge", 4, 0, 0, 802_816) { EnergyJ = 0.25 },
                new StageMeasurement(1, "cloud", 5.5, 3, 802_816, 4_000) { EnergyJ = 0.5, EnergyKind = DynaSplit.Energy.EnergyReadingKind.Estimated, QueueMs = 0.5 },
            ],
        };
        var entry = LookupEntry.FromTrial(space.ParseKey("cpu_freq=600000;layer=7;cloud-ep=CUDA"), measurement, WellKnownObjectives.LatencyEnergy);
        var table = new LookupTable(space, WellKnownObjectives.LatencyEnergy, [entry]) { Binding = new TableBinding("sha256:abc", 33, ["edge", "cloud"]) };
        using var stream = new MemoryStream();

        LookupTableJson.Write(table, stream);
        var read = LookupTableJson.Read(stream.ToArray());

        Assert.That(Encoding.UTF8.GetString(stream.ToArray()), Does.Contain("\"version\": 2"));
        Assert.That(read.Binding.ModelFingerprint, Is.EqualTo("sha256:abc"));
        Assert.That(read.Binding.LastCut, Is.EqualTo(33));
        Assert.That(read.Binding.Tiers, Is.EqualTo(new[] { "edge", "cloud" }));
        Assert.That(read.Space.Parameters.Select(p => p.Describe()), Is.EqualTo(new[] { "cpu_freq (edge CpuFrequency, kHz)", "layer (CutPoint)", "cloud-ep (cloud ExecutionProvider)" }));
        var back = read.Entries.Single();
        Assert.That(back.Objectives, Is.EquivalentTo(new Dictionary<string, double> { ["latency"] = 12.5, ["energy"] = 0.75, ["memory"] = 123 }));
        Assert.That(back.Latency, Is.EqualTo(new LatencyBreakdown(4, 3, 5.5)));
        Assert.That(back.Energy, Is.EqualTo(new EnergyBreakdown(0.25, 0.5)));
        Assert.That(back.TransferredBytes, Is.EqualTo(802_816));
        Assert.That(back.Stages, Is.EqualTo(measurement.Stages));
    }

    [Test]
    public void AVersionOneTableStillLoadsWithAnUnknownBinding()
    {
        const string json = "{\"format\":\"dynasplit-lookup-table\",\"version\":1,\"parameters\":[{\"name\":\"layer\",\"role\":\"SplitPoint\",\"kind\":\"integer\",\"min\":0,\"max\":22,\"step\":1}],\"objectives\":[{\"name\":\"latency\",\"direction\":\"minimize\",\"unit\":\"ms\"}],\"entries\":[{\"configuration\":{\"layer\":\"7\"},\"latencyMs\":100,\"energyJ\":10}]}";

        var table = LookupTableJson.Read(Encoding.UTF8.GetBytes(json));

        Assert.That(table.Binding, Is.SameAs(TableBinding.Unknown));
        Assert.That(table.Space.Parameters[0].Setting, Is.EqualTo(SettingKind.CutPoint));
        Assert.That(table.Entries.Single().LatencyMs, Is.EqualTo(100));
    }

    [Test]
    public void ADetailThatIsNotAFiniteNumberIsNamed()
    {
        const string json = "{\"format\":\"dynasplit-lookup-table\",\"version\":2,\"parameters\":[{\"name\":\"layer\",\"role\":\"SplitPoint\",\"kind\":\"integer\",\"min\":0,\"max\":22,\"step\":1}],\"objectives\":[],\"entries\":[{\"configuration\":{\"layer\":\"7\"},\"latencyMs\":100,\"energyJ\":10,\"latency\":{\"edgeMs\":1,\"transferMs\":\"x\",\"cloudMs\":2}}]}";

        Assert.That(() => LookupTableJson.Read(Encoding.UTF8.GetBytes(json), "t.json"), Throws.InstanceOf<InvalidDataException>().With.Message.EqualTo("t.json: entries[0].latency.transferMs is \"x\", expected a number."));
    }

    [Test]
    public void AVgg16ReplayTableCannotDriveAModelWithOtherSplitPoints()
    {
        var vgg16 = new LookupTable(SplitComputingSpace.PaperVgg16(), WellKnownObjectives.LatencyEnergy, []);
        var squeezeNet = new SplitPlan("squeezenet1_1.onnx", [], [], Enumerable.Range(0, 34).Select(i => new SplitPoint { Index = i, Tensors = [] }).ToArray());

        Assert.That(() => TableBinding.Verify(vgg16, squeezeNet),
            Throws.InvalidOperationException.With.Message.Contains("'layer' ranges over integers 0..22").And.Message.Contains("split points 0..33"));
    }

    [Test]
    public void AFingerprintMismatchIsNamed()
    {
        var table = new LookupTable(Space(), WellKnownObjectives.LatencyEnergy, []) { Binding = new TableBinding("sha256:aaa", 33, ["edge", "cloud"]) };
        var plan = new SplitPlan("other.onnx", [], [], Enumerable.Range(0, 34).Select(i => new SplitPoint { Index = i, Tensors = [] }).ToArray()) { Fingerprint = "sha256:bbb" };

        Assert.That(() => TableBinding.Verify(table, plan), Throws.InvalidOperationException.With.Message.Contains("sha256:aaa").And.Message.Contains("other.onnx has sha256:bbb"));
        Assert.DoesNotThrow(() => TableBinding.Verify(table, plan with { Fingerprint = "sha256:aaa" }));
    }

    [Test]
    public async Task ATableWithAByteOrderMarkLoadsAndSavingNeverWritesThroughAPlantedLink()
    {
        var folder = Directory.CreateTempSubdirectory("dynasplit-table-").FullName;
        try
        {
            var victim = Path.Combine(folder, "victim.txt");
            await File.WriteAllTextAsync(victim, "keep me");
            var path = Path.Combine(folder, "table.json");
            File.CreateSymbolicLink(path + ".tmp", victim);
            var space = Space();
            var table = new LookupTable(space, WellKnownObjectives.LatencyEnergy, [new LookupEntry(space.ParseKey("cpu_freq=600000;layer=7;cloud-ep=CPU"), 10, 1, null)]);

            await LookupTableJson.SaveAsync(table, path, CancellationToken.None);

            Assert.That(await File.ReadAllTextAsync(victim), Is.EqualTo("keep me"));
            var withBom = new byte[] { 0xEF, 0xBB, 0xBF }.Concat(await File.ReadAllBytesAsync(path)).ToArray();
            Assert.That(LookupTableJson.Read(withBom).Entries.Single().LatencyMs, Is.EqualTo(10));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
