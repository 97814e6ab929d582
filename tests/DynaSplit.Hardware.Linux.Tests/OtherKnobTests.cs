using DynaSplit.Hardware;
using DynaSplit.Hardware.Linux.Knobs;
using DynaSplit.Hardware.Linux.Tests.Emulation;

namespace DynaSplit.Hardware.Linux.Tests;

public sealed class GovernorAndOnlineCoresKnobTests
{
    [Test]
    public async Task Governor_knob_offers_the_listed_governors_and_restores_the_original()
    {
        using var board = TestBoard.Open(FixtureTree.RaspberryPi5);
        await using var knob = new CpuGovernorKnob(board.Sysfs, "policy0", "cpu_governor", board.Options);
        var domain = await knob.GetDomainAsync(CancellationToken.None);
        Assert.That(domain.Values.Select(v => v.Text), Is.EqualTo(new[] { "conservative", "ondemand", "userspace", "powersave", "performance", "schedutil" }));
        await knob.ApplyAsync(KnobValue.FromText("performance"), CancellationToken.None);
        board.Sysfs.Settle();
        Assert.That(board.Tree.ReadSys("devices/system/cpu/cpufreq/policy0/scaling_cur_freq"), Is.EqualTo("2400000\n"));
        Assert.ThrowsAsync<ArgumentOutOfRangeException>(async () => await knob.ApplyAsync(KnobValue.FromText("interactive"), CancellationToken.None));
        await knob.RestoreAsync(CancellationToken.None);
        Assert.That((await knob.ReadAsync(CancellationToken.None)).Text, Is.EqualTo("ondemand"));
    }

    [Test]
    public async Task Online_cores_keeps_cpu0_and_the_lowest_cpus()
    {
        using var board = TestBoard.Open(FixtureTree.XavierNx);
        await using var knob = new OnlineCoresKnob(board.Sysfs, "cpu_cores", board.Options);
        Assert.That(knob.HotpluggableCpus, Is.EqualTo(new[] { 1, 2, 3, 4, 5 }));
        var domain = await knob.GetDomainAsync(CancellationToken.None);
        Assert.That(domain.Values.Select(v => v.Number), Is.EqualTo(new double?[] { 1, 2, 3, 4, 5, 6 }));

        await knob.ApplyAsync(KnobValue.FromNumber(2), CancellationToken.None);
        Assert.That(board.Tree.ReadSys("devices/system/cpu/online"), Is.EqualTo("0-1\n"));
        Assert.That(board.Tree.ReadSys("devices/system/cpu/offline"), Is.EqualTo("2-5\n"));
        Assert.That((await knob.ReadAsync(CancellationToken.None)).Number, Is.EqualTo(2));

        await knob.ApplyAsync(KnobValue.FromNumber(4), CancellationToken.None);
        Assert.That(board.Tree.ReadSys("devices/system/cpu/online"), Is.EqualTo("0-3\n"));
        Assert.That(board.Sysfs.Writes.Select(w => w.Path), Has.None.Contains("cpu0/"), "cpu0 is never written");

        await knob.RestoreAsync(CancellationToken.None);
        Assert.That(board.Tree.ReadSys("devices/system/cpu/online"), Is.EqualTo("0-5\n"));
        Assert.That(board.Tree.ReadSys("devices/system/cpu/offline"), Is.EqualTo("\n"));
        Assert.ThrowsAsync<ArgumentOutOfRangeException>(async () => await knob.ApplyAsync(KnobValue.FromNumber(0), CancellationToken.None));
        Assert.ThrowsAsync<ArgumentOutOfRangeException>(async () => await knob.ApplyAsync(KnobValue.FromNumber(7), CancellationToken.None));
    }
}

public sealed class DevfreqFrequencyKnobTests
{
    private const string Gpu = "class/devfreq/57000000.gpu";

    [Test]
    public async Task Gpu_frequency_domain_is_in_hz_and_limits_move_in_the_accepted_order()
    {
        using var board = TestBoard.Open(FixtureTree.JetsonNano);
        await using var knob = new DevfreqFrequencyKnob(board.Sysfs, "57000000.gpu", "gpu_freq", options: board.Options);
        var domain = await knob.GetDomainAsync(CancellationToken.None);
        Assert.That(domain.Unit, Is.EqualTo("Hz"));
        Assert.That(domain.Values, Has.Count.EqualTo(12));
        Assert.That(domain.Values[0].Number, Is.EqualTo(76800000));
        Assert.That(domain.Values[^1].Number, Is.EqualTo(921600000));

        await knob.ApplyAsync(KnobValue.FromNumber(460800000), CancellationToken.None);
        Assert.That(board.Sysfs.Writes, Is.EqualTo(new[] { ($"{Gpu}/max_freq", "460800000"), ($"{Gpu}/min_freq", "460800000") }));
        Assert.That(board.Tree.ReadSys($"{Gpu}/cur_freq"), Is.EqualTo("460800000\n"));

        board.Sysfs.Writes.Clear();
        await knob.ApplyAsync(KnobValue.FromNumber(153600000), CancellationToken.None);
        Assert.That(board.Sysfs.Writes, Is.EqualTo(new[] { ($"{Gpu}/min_freq", "153600000"), ($"{Gpu}/max_freq", "153600000") }));

        Assert.ThrowsAsync<ArgumentOutOfRangeException>(async () => await knob.ApplyAsync(KnobValue.FromNumber(1000000000), CancellationToken.None));
        Assert.That(board.Sysfs.Refused, Is.Empty);

        await knob.DisposeAsync();
        board.Sysfs.Settle();
        Assert.That(board.Tree.ReadSys($"{Gpu}/min_freq"), Is.EqualTo("76800000\n"));
        Assert.That(board.Tree.ReadSys($"{Gpu}/max_freq"), Is.EqualTo("921600000\n"));
        Assert.That(board.Tree.ReadSys($"{Gpu}/cur_freq"), Is.EqualTo("76800000\n"));
    }
}

public sealed class NvpmodelPowerModeKnobTests
{
    [Test]
    public async Task Sets_a_mode_by_name_or_id_reads_it_back_and_restores()
    {
        using var board = TestBoard.Open(FixtureTree.XavierNx, nvpmodelMode: 2);
        var nvpmodel = board.Nvpmodel!;
        await using var knob = new NvpmodelPowerModeKnob(nvpmodel, "nvpmodel", File.ReadAllText(board.Tree.NvpmodelConf), "power_mode", board.Options);
        Assert.That((await knob.ReadAsync(CancellationToken.None)).Text, Is.EqualTo("MODE_15W_6CORE"));

        await knob.ApplyAsync(KnobValue.FromText("MODE_10W_4CORE"), CancellationToken.None);
        Assert.That(nvpmodel.Mode, Is.EqualTo(4));
        await knob.ApplyAsync(KnobValue.FromNumber(7), CancellationToken.None);
        Assert.That(nvpmodel.Mode, Is.EqualTo(7));
        Assert.That(nvpmodel.Calls, Does.Contain("-m 4").And.Contain("-m 7"));

        nvpmodel.Calls.Clear();
        Assert.ThrowsAsync<ArgumentOutOfRangeException>(async () => await knob.ApplyAsync(KnobValue.FromText("MODE_99W"), CancellationToken.None));
        Assert.That(nvpmodel.Calls, Is.Empty, "nothing is run for a value outside the domain");

        await knob.RestoreAsync(CancellationToken.None);
        Assert.That(nvpmodel.Mode, Is.EqualTo(2));
    }

    [Test]
    public async Task A_mode_that_does_not_take_and_a_failing_tool_are_reported()
    {
        using var board = TestBoard.Open(FixtureTree.OrinNano);
        var nvpmodel = board.Nvpmodel!;
        await using var knob = new NvpmodelPowerModeKnob(nvpmodel, "/usr/sbin/nvpmodel", File.ReadAllText(board.Tree.NvpmodelConf), "power_mode", board.Options);
        nvpmodel.IgnoreSet = true;
        var ex = Assert.ThrowsAsync<HardwareKnobException>(async () => await knob.ApplyAsync(KnobValue.FromText("7W"), CancellationToken.None))!;
        Assert.That(ex.Message, Does.Contain("'/usr/sbin/nvpmodel -m 1' (7W) returned, but '/usr/sbin/nvpmodel -q' reports mode 0 (15W)").And.Contain("reboot"));

        nvpmodel.IgnoreSet = false;
        nvpmodel.FailWith = 255;
        ex = Assert.ThrowsAsync<HardwareKnobException>(async () => await knob.ApplyAsync(KnobValue.FromText("7W"), CancellationToken.None))!;
        Assert.That(ex.Message, Does.Contain("exited with 255").And.Contain("Permission denied").And.Contain("run as root"));
        nvpmodel.FailWith = null;
    }
}

public sealed class UsbPortPowerKnobTests
{
    [TestCase(FixtureTree.RaspberryPi4, "2-1", "18d1:9302", "bus/usb/devices/2-0:1.0/usb2-port1/disable")]
    [TestCase(FixtureTree.RaspberryPi5, "3-1", "1a6e:089a", "bus/usb/devices/3-0:1.0/usb3-port1/disable")]
    [TestCase(FixtureTree.XavierNx, "2-3.1", "18d1:9302", "bus/usb/devices/2-3:1.0/2-3-port1/disable")]
    [TestCase(FixtureTree.OrinNano, "2-1.4", "18d1:9302", "bus/usb/devices/2-1:1.0/2-1-port4/disable")]
    public void Finds_the_port_from_the_device_position(string board, string device, string id, string disable)
    {
        using var test = TestBoard.Open(board);
        var location = UsbPortLocation.Find(test.Sysfs, [UsbDeviceId.CoralBootloader, UsbDeviceId.CoralRuntime], out var reason);
        Assert.That(location, Is.Not.Null, reason);
        Assert.That(location!.Device, Is.EqualTo(device));
        Assert.That(location.Id.ToString(), Is.EqualTo(id));
        Assert.That(location.DisablePath, Is.EqualTo(disable));
    }

    [Test]
    public async Task Switching_off_removes_the_device_and_on_brings_it_back()
    {
        using var board = TestBoard.Open(FixtureTree.XavierNx);
        var location = UsbPortLocation.Find(board.Sysfs, [UsbDeviceId.CoralRuntime], out _)!;
        await using var knob = new UsbPortPowerKnob(board.Sysfs, location, "usb_accelerator", board.Options);
        Assert.That((await knob.ReadAsync(CancellationToken.None)).Text, Is.EqualTo("on"));
        await knob.ApplyAsync(KnobValue.FromText("off"), CancellationToken.None);
        Assert.That(board.Tree.ReadSys(location.DisablePath), Is.EqualTo("1\n"));
        Assert.That(Directory.Exists(Path.Combine(board.Tree.Sys, "bus/usb/devices/2-3.1")), Is.False);
        await knob.ApplyAsync(KnobValue.FromNumber(1), CancellationToken.None);
        Assert.That(board.Tree.ReadSys(location.DisablePath), Is.EqualTo("0\n"));
        Assert.That(board.Tree.ReadSys("bus/usb/devices/2-3.1/idProduct"), Is.EqualTo("9302\n"));
        Assert.ThrowsAsync<ArgumentOutOfRangeException>(async () => await knob.ApplyAsync(KnobValue.FromText("max"), CancellationToken.None));
        await knob.ApplyAsync(KnobValue.FromText("off"), CancellationToken.None);
        await knob.DisposeAsync();
        Assert.That(board.Tree.ReadSys(location.DisablePath), Is.EqualTo("0\n"), "dispose powers the accelerator again");
        Assert.That(Directory.Exists(Path.Combine(board.Tree.Sys, "bus/usb/devices/2-3.1")), Is.True);
    }
}
