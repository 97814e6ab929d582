using DynaSplit.Hardware;
using DynaSplit.Hardware.Linux.Knobs;
using DynaSplit.Hardware.Linux.Sysfs;
using DynaSplit.Hardware.Linux.Tests.Emulation;

namespace DynaSplit.Hardware.Linux.Tests;

public sealed class SysfsErrorTests
{
    [Test]
    public async Task Permission_denied_names_the_file_and_says_what_to_do()
    {
        using var board = TestBoard.Open(FixtureTree.RaspberryPi4);
        board.Sysfs.DeniedPaths.Add("devices/system/cpu/cpufreq/policy0/scaling_governor");
        await using var knob = new CpuFrequencyKnob(board.Sysfs, "policy0", "cpu_freq", options: board.Options);
        var ex = Assert.ThrowsAsync<SysfsException>(async () => await knob.ApplyAsync(KnobValue.FromNumber(1000000), CancellationToken.None))!;
        Assert.That(ex.Kind, Is.EqualTo(SysfsErrorKind.PermissionDenied));
        Assert.That(ex.Path, Is.EqualTo(Path.Combine(board.Tree.Sys, "devices/system/cpu/cpufreq/policy0/scaling_governor")));
        Assert.That(ex.Message, Does.StartWith($"Writing 'userspace' to {ex.Path} failed: permission denied. Run as root").And.Contain("docs/hardware-linux.md"));
    }

    [Test]
    public async Task A_read_only_sysfs_is_reported_as_such()
    {
        using var board = TestBoard.Open(FixtureTree.OrinNano);
        board.Sysfs.ReadOnlyMount = true;
        await using var knob = new DevfreqFrequencyKnob(board.Sysfs, "17000000.gpu", "gpu_freq", options: board.Options);
        var ex = Assert.ThrowsAsync<SysfsException>(async () => await knob.ApplyAsync(KnobValue.FromNumber(408000000), CancellationToken.None))!;
        Assert.That(ex.Kind, Is.EqualTo(SysfsErrorKind.ReadOnlyFileSystem));
        Assert.That(ex.Message, Does.Contain("class/devfreq/17000000.gpu/max_freq").And.Contain("mounted read-only"));
    }

    [Test]
    public void A_missing_file_on_the_real_file_system_names_the_file()
    {
        using var tree = FixtureTree.Copy(FixtureTree.RaspberryPi4);
        var sysfs = new PhysicalSysfs(tree.Sys);
        var ex = Assert.Throws<SysfsException>(() => sysfs.Write("devices/system/cpu/cpufreq/policy9/scaling_max_freq", "600000"))!;
        Assert.That(ex.Kind, Is.EqualTo(SysfsErrorKind.NotFound));
        Assert.That(ex.Message, Does.Contain(Path.Combine(tree.Sys, "devices/system/cpu/cpufreq/policy9/scaling_max_freq")).And.Contain("does not exist"));
        Assert.That(File.Exists(Path.Combine(tree.Sys, "devices/system/cpu/cpufreq/policy9/scaling_max_freq")), Is.False, "a write never creates a file");
        ex = Assert.Throws<SysfsException>(() => sysfs.Read("class/devfreq/none/cur_freq"))!;
        Assert.That(ex.Message, Does.StartWith("Reading ").And.Contain("does not exist"));
    }

    [Test]
    public void Kernel_errors_map_to_kinds()
    {
        Assert.That(PhysicalSysfs.Translate(new UnauthorizedAccessException("Access to the path is denied."), "/sys/x", "1").Kind, Is.EqualTo(SysfsErrorKind.PermissionDenied));
        Assert.That(PhysicalSysfs.Translate(new IOException("Read-only file system : '/sys/x'", 30), "/sys/x", "1").Kind, Is.EqualTo(SysfsErrorKind.ReadOnlyFileSystem));
        Assert.That(PhysicalSysfs.Translate(new IOException("Invalid argument", 22), "/sys/x", "1").Kind, Is.EqualTo(SysfsErrorKind.InvalidArgument));
        Assert.That(PhysicalSysfs.Translate(new IOException("Device or resource busy", 16), "/sys/x", "0").Kind, Is.EqualTo(SysfsErrorKind.Busy));
        Assert.That(PhysicalSysfs.Translate(new FileNotFoundException("nope"), "/sys/x", null).Kind, Is.EqualTo(SysfsErrorKind.NotFound));
    }
}
