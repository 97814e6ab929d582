using DynaSplit.Hardware.Linux.Discovery;
using DynaSplit.Hardware.Linux.Knobs;
using DynaSplit.Hardware.Linux.Tests.Emulation;
using Microsoft.Extensions.Logging;

namespace DynaSplit.Hardware.Linux.Tests;

public sealed class DiscoveryTests
{
    [TestCase(FixtureTree.RaspberryPi4, new[] { "cpu_freq", "cpu_cores", "usb_accelerator" })]
    [TestCase(FixtureTree.RaspberryPi5, new[] { "cpu_freq", "cpu_cores", "usb_accelerator" })]
    [TestCase(FixtureTree.JetsonNano, new[] { "cpu_freq", "cpu_cores", "gpu_freq", "power_mode" })]
    [TestCase(FixtureTree.XavierNx, new[] { "cpu_freq", "cpu_freq.policy2", "cpu_freq.policy4", "cpu_cores", "gpu_freq", "power_mode", "usb_accelerator" })]
    [TestCase(FixtureTree.OrinNano, new[] { "cpu_freq", "cpu_freq.policy4", "cpu_cores", "gpu_freq", "power_mode", "usb_accelerator" })]
    public void Finds_the_knobs_each_board_has(string board, string[] expected)
    {
        using var test = TestBoard.Open(board);
        using var inventory = LinuxHardwareDiscovery.Discover(test.Options);
        Assert.That(inventory.Knobs.Select(k => k.Name), Is.EqualTo(expected));
        Assert.That(test.Sysfs.Writes, Is.Empty, "discovery writes nothing");
    }

    [Test]
    public void Raspberry_pi_reports_what_it_did_not_find()
    {
        using var test = TestBoard.Open(FixtureTree.RaspberryPi4);
        using var inventory = LinuxHardwareDiscovery.Discover(test.Options);
        Assert.That(inventory.NotFound, Has.Some.StartsWith("GPU frequency: no devfreq device"));
        Assert.That(inventory.NotFound, Has.Some.EqualTo("power mode: not a Jetson (nvpmodel is Jetson-only)"));
        Assert.That(inventory.Summary, Does.StartWith("Linux hardware on Raspberry Pi 4 Model B Rev 1.4 (RaspberryPi4): found cpu_freq: cpufreq policy0 (CPUs 0 1 2 3) via userspace governor + scaling_setspeed"));
        Assert.That(inventory.Summary, Does.Contain("usb_accelerator: USB 18d1:9302 at 2-1, port switch bus/usb/devices/2-0:1.0/usb2-port1/disable"));
    }

    [Test]
    public void Jetson_nano_on_kernel_4_9_has_no_usb_port_switch()
    {
        using var test = TestBoard.Open(FixtureTree.JetsonNano);
        using var inventory = LinuxHardwareDiscovery.Discover(test.Options);
        var usb = inventory.NotFound.Single(n => n.StartsWith("USB accelerator", StringComparison.Ordinal));
        Assert.That(usb, Does.Contain("found at 2-1.1").And.Contain("4.20"));
        var gpu = (DevfreqFrequencyKnob)inventory.Knobs.Single(k => k.Name == "gpu_freq");
        Assert.That(gpu.Device, Is.EqualTo("57000000.gpu"));
    }

    [Test]
    public void Xavier_picks_the_gpu_not_the_video_compositor()
    {
        using var test = TestBoard.Open(FixtureTree.XavierNx);
        using var inventory = LinuxHardwareDiscovery.Discover(test.Options);
        Assert.That(((DevfreqFrequencyKnob)inventory.Knobs.Single(k => k.Name == "gpu_freq")).Device, Is.EqualTo("17000000.gv11b"));
        var power = (NvpmodelPowerModeKnob)inventory.Knobs.Single(k => k.Name == "power_mode");
        Assert.That(power.Modes, Has.Count.EqualTo(9));
        Assert.That(power.Modes[2], Is.EqualTo("MODE_15W_6CORE"));
    }

    [Test]
    public void With_a_governor_knob_the_frequency_knobs_pin_limits()
    {
        using var test = TestBoard.Open(FixtureTree.OrinNano);
        test.Options.EnableCpuGovernor = true;
        using var inventory = LinuxHardwareDiscovery.Discover(test.Options);
        Assert.That(inventory.Knobs.Select(k => k.Name), Does.Contain("cpu_governor").And.Contain("cpu_governor.policy4"));
        Assert.That(inventory.Knobs.OfType<CpuFrequencyKnob>().Select(k => k.UsesUserspaceGovernor), Is.All.False);
    }

    [Test]
    public void A_machine_without_these_interfaces_registers_no_knob_and_says_so()
    {
        using var test = TestBoard.OpenEmpty();
        test.Options.EnableOnUnrecognisedBoard = true;
        var logs = new ListLoggerProvider();
        using var factory = LoggerFactory.Create(b => b.AddProvider(logs));
        using var inventory = LinuxHardwareDiscovery.Discover(test.Options, factory);
        Assert.That(inventory.Knobs, Is.Empty);
        var line = logs.Lines.Single();
        Assert.That(line.Level, Is.EqualTo(LogLevel.Warning));
        Assert.That(logs.Events.Single().Id, Is.EqualTo(6010), "NoKnobsFound in docs/logging.md");
        Assert.That(line.Message, Does.StartWith("Linux hardware on an unrecognised machine (no device-tree model): no hardware knob registered; only software knobs (if any) will be set."));
        Assert.That(line.Message, Does.Contain("CPU frequency: no cpufreq policy under").And.Contain("online cores:").And.Contain("GPU frequency:").And.Contain("power mode: not a Jetson").And.Contain("USB accelerator: no USB device with id 1a6e:089a or 18d1:9302"));
    }

    [Test]
    public void An_unrecognised_machine_with_cpufreq_and_hotplug_gets_no_hardware_knob_unless_enabled()
    {
        // A VM or laptop: the Raspberry Pi 5's interfaces without a device-tree model.
        using var test = TestBoard.Open(FixtureTree.RaspberryPi5);
        foreach (var model in new[] { Path.Combine(test.Tree.Proc, "device-tree"), Path.Combine(test.Tree.Sys, "firmware", "devicetree") })
        {
            if (Directory.Exists(model))
            {
                Directory.Delete(model, recursive: true);
            }
        }

        var original = test.Tree.Snapshot();
        var logs = new ListLoggerProvider();
        using var factory = LoggerFactory.Create(b => b.AddProvider(logs));
        using (var inventory = LinuxHardwareDiscovery.Discover(test.Options, factory))
        {
            Assert.That(inventory.Knobs, Is.Empty);
            Assert.That(logs.Lines.Single().Message, Does.Contain("not a recognised Raspberry Pi or Jetson").And.Contain("EnableOnUnrecognisedBoard"));
        }

        test.Options.EnableOnUnrecognisedBoard = true;
        using (var enabled = LinuxHardwareDiscovery.Discover(test.Options, factory))
        {
            Assert.That(enabled.Knobs.Select(k => k.Name), Does.Contain("cpu_freq").And.Contain("cpu_cores"));
        }

        Assert.That(test.Tree.Snapshot(), Is.EqualTo(original), "discovery writes nothing");
    }

    [Test]
    public void Invalid_options_are_refused_with_every_reason()
    {
        var options = new LinuxHardwareOptions { SysfsRoot = "relative/sys", SettleTimeout = TimeSpan.Zero, UsbDeviceIds = ["18d1-9302"], CpuFrequencyName = "cpu=freq" };
        var ex = Assert.Throws<Microsoft.Extensions.Options.OptionsValidationException>(() => LinuxHardwareDiscovery.Discover(options))!;
        Assert.That(ex.Failures, Has.Some.Contains("SysfsRoot must be an absolute directory"));
        Assert.That(ex.Failures, Has.Some.Contains("SettleTimeout"));
        Assert.That(ex.Failures, Has.Some.Contains("'18d1-9302' is not a 'vvvv:pppp'"));
        Assert.That(ex.Failures, Has.Some.Contains("CpuFrequencyName 'cpu=freq'"));
    }
}
