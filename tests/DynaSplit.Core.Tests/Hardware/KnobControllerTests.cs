using DynaSplit.Core.Tests.Fakes;
using DynaSplit.Hardware;
using DynaSplit.Spaces;

namespace DynaSplit.Core.Tests.Hardware;

public sealed class KnobControllerTests
{
    private static ConfigurationSpace Space() => new(
    [
        new OrdinalParameter("cpu_freq", [600, 1800], unit: "kHz") { Setting = SettingKind.CpuFrequency, Tier = "edge" },
        new CategoricalParameter("usb", ["off", "on"]) { Setting = SettingKind.AcceleratorMode, Tier = "edge" },
        new IntegerParameter("layer", 0, 22, 1, ParameterRole.SplitPoint),
    ]);

    private static (KnobController Controller, List<string> Journal, RecordingKnob Cpu) Create()
    {
        var journal = new List<string>();
        var cpu = new RecordingKnob("cpu_freq", new KnobDomain([KnobValue.FromNumber(600), KnobValue.FromNumber(1800)]), KnobValue.FromNumber(1200), journal);
        var usb = new RecordingKnob("usb", new KnobDomain([KnobValue.FromText("off"), KnobValue.FromText("on")]), KnobValue.FromText("on"), journal);
        return (new KnobController([cpu, usb]), journal, cpu);
    }

    [Test]
    public async Task OnlyKnobsWhoseValueChangesAreWrittenAndEachChangeIsTimed()
    {
        var (controller, journal, _) = Create();
        var space = Space();
        await using (controller)
        {
            var first = await controller.ApplyAsync(space.ParseKey("cpu_freq=600;usb=off;layer=3"), CancellationToken.None);
            var splitOnly = await controller.ApplyAsync(space.ParseKey("cpu_freq=600;usb=off;layer=9"), CancellationToken.None);
            var cpuOnly = await controller.ApplyAsync(space.ParseKey("cpu_freq=1800;usb=off;layer=9"), CancellationToken.None);

            Assert.That(first.Select(c => c.Knob), Is.EqualTo(new[] { "cpu_freq", "usb" }));
            Assert.That(first.All(c => c.From is null), Is.True, "the first change starts from an unknown state");
            Assert.That(splitOnly, Is.Empty);
            Assert.That(cpuOnly.Single().From, Is.EqualTo(KnobValue.FromNumber(600)));
            Assert.That(cpuOnly.Single().To, Is.EqualTo(KnobValue.FromNumber(1800)));
            Assert.That(controller.SwitchCosts.MeanMs("cpu_freq", 600, 1800), Is.Not.Null.And.GreaterThanOrEqualTo(0));
            Assert.That(controller.SwitchCosts.MeanMs("usb"), Is.Null, "a knob's first change is discovery, not a switch");
        }

        Assert.That(journal, Is.EqualTo(new[] { "cpu_freq=600", "usb=off", "cpu_freq=1800", "restore usb=on", "restore cpu_freq=1200" }));
    }

    [Test]
    public async Task AKnobWhoseChangeFailedIsWrittenAgainNextTime()
    {
        var (controller, journal, cpu) = Create();
        var space = Space();
        await using (controller)
        {
            cpu.FailOnApply = true;
            Assert.That(async () => await controller.ApplyAsync(space.ParseKey("cpu_freq=600;usb=off;layer=3"), CancellationToken.None), Throws.InstanceOf<IOException>());
            cpu.FailOnApply = false;
            var retry = await controller.ApplyAsync(space.ParseKey("cpu_freq=600;usb=off;layer=3"), CancellationToken.None);
            Assert.That(retry.Select(c => c.Knob), Is.EqualTo(new[] { "cpu_freq", "usb" }));
        }

        Assert.That(cpu.Device, Is.EqualTo(KnobValue.FromNumber(1200)));
    }

    [Test]
    public void BindingNamesParametersWithoutKnobsAndKnobsWithoutParametersButNotPipelineSettings()
    {
        var (controller, _, _) = Create();
        var replay = new ConfigurationSpace(
        [
            new OrdinalParameter("cpu-freq", [600, 1800], ParameterRole.EdgeCpuFrequency, "MHz"),
            new IntegerParameter("layer", 0, 22, 1, ParameterRole.SplitPoint),
            new IntegerParameter("threads", 1, 4) { Setting = SettingKind.Threads, Tier = "edge" },
        ]);

        var report = controller.Bind(replay);

        Assert.That(report.UnboundParameters.Select(p => p.Name), Is.EqualTo(new[] { "cpu-freq" }));
        Assert.That(report.UnusedKnobs, Is.EqualTo(new[] { "cpu_freq", "usb" }));
        Assert.That(() => controller.CheckBinding(replay, UnboundSettingsPolicy.Error, "The lookup table"),
            Throws.InvalidOperationException.With.Message.Contains("cpu-freq (edge CpuFrequency, MHz)").And.Message.Contains("cpu_freq, usb"));
        Assert.That(controller.Bind(Space()).IsComplete, Is.True);
    }

    [Test]
    public void DisposingSynchronouslyRestoresTheKnobs()
    {
        var (controller, _, cpu) = Create();
        controller.ApplyAsync(Space().ParseKey("cpu_freq=600;usb=off;layer=3"), CancellationToken.None).AsTask().GetAwaiter().GetResult();

        controller.Dispose();

        Assert.That(cpu.Device, Is.EqualTo(KnobValue.FromNumber(1200)));
    }
}
