using DynaSplit.Core.Tests.Fakes;
using DynaSplit.Hardware;
using DynaSplit.Spaces;

namespace DynaSplit.Core.Tests.Hardware;

public sealed class HardwareScopeTests
{
    private static (RecordingKnob Cpu, RecordingKnob Tpu, List<string> Journal) Knobs()
    {
        var journal = new List<string>();
        var cpu = new RecordingKnob("cpu-freq", new KnobDomain([KnobValue.FromNumber(600), KnobValue.FromNumber(1800)], "MHz"), KnobValue.FromNumber(1800), journal);
        var tpu = new RecordingKnob("edge-accelerator", new KnobDomain([KnobValue.FromText("off"), KnobValue.FromText("std"), KnobValue.FromText("max")]), KnobValue.FromText("off"), journal);
        return (cpu, tpu, journal);
    }

    [Test]
    public async Task AppliesKnobsByParameterNameAndRestoresInReverseOrder()
    {
        var (cpu, tpu, journal) = Knobs();
        var space = new ConfigurationSpace(
        [
            new OrdinalParameter("cpu-freq", [600, 1800]),
            new IntegerParameter("layer", 0, 22, 1, ParameterRole.SplitPoint),
            new CategoricalParameter("edge-accelerator", ["off", "std", "max"]),
        ]);

        await using (var scope = new HardwareScope([cpu, tpu]))
        {
            await scope.ApplyAsync(space.ParseKey("cpu-freq=600;layer=5;edge-accelerator=max"), CancellationToken.None);
            Assert.That(cpu.Device.Number, Is.EqualTo(600));
            Assert.That(tpu.Device.Text, Is.EqualTo("max"));
        }

        Assert.That(journal, Is.EqualTo(new[] { "cpu-freq=600", "edge-accelerator=max", "restore edge-accelerator=off", "restore cpu-freq=1800" }));
        Assert.That(cpu.HasChanges || tpu.HasChanges, Is.False);
    }

    [Test]
    public async Task AnExceptionInTheTrialStillRestores()
    {
        var (cpu, tpu, _) = Knobs();
        async Task Trial()
        {
            await using var scope = new HardwareScope([cpu, tpu]);
            await scope.ApplyAsync("cpu-freq", KnobValue.FromNumber(600), CancellationToken.None);
            tpu.FailOnApply = true;
            await scope.ApplyAsync("edge-accelerator", KnobValue.FromText("max"), CancellationToken.None);
        }

        Assert.That(Trial, Throws.TypeOf<IOException>());
        Assert.That(cpu.Device.Number, Is.EqualTo(1800));
        Assert.That(tpu.Device.Text, Is.EqualTo("off"));
    }

    [Test]
    public void UnknownKnobsAndDuplicateNamesAreRefused()
    {
        var (cpu, _, _) = Knobs();
        Assert.That(() => new HardwareScope([cpu, cpu]), Throws.ArgumentException.With.Message.Contains("Two hardware knobs are named 'cpu-freq'"));
        var scope = new HardwareScope([cpu]);
        Assert.That(async () => await scope.ApplyAsync("gpu-freq", KnobValue.FromNumber(1), CancellationToken.None),
            Throws.TypeOf<KeyNotFoundException>().With.Message.Contains("the scope has: cpu-freq"));
    }

    [Test]
    public void KnobDomainBuildsTheMatchingParameter()
    {
        var numeric = new KnobDomain([KnobValue.FromNumber(1500000), KnobValue.FromNumber(600000)], "kHz");
        Assert.That(numeric.ToParameter("cpu", ParameterRole.EdgeCpuFrequency), Is.TypeOf<OrdinalParameter>()
            .With.Property(nameof(OrdinalParameter.Levels)).EqualTo(new double[] { 600000, 1500000 }));
        var words = new KnobDomain([KnobValue.FromText("schedutil"), KnobValue.FromText("performance")]);
        Assert.That(words.ToParameter("governor", ParameterRole.Other), Is.TypeOf<CategoricalParameter>());
        Assert.That(words.Contains(KnobValue.FromText("userspace")), Is.False);
    }
}
