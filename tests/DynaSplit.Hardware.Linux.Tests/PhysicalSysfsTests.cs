using DynaSplit.Hardware;
using DynaSplit.Hardware.Linux.Knobs;
using DynaSplit.Hardware.Linux.Sysfs;
using DynaSplit.Hardware.Linux.Tests.Emulation;

namespace DynaSplit.Hardware.Linux.Tests;

/// <summary>The real file-system implementation against a recorded tree copied to a temporary directory.</summary>
public sealed class PhysicalSysfsTests
{
    private const string Policy = "devices/system/cpu/cpufreq/policy0";

    [Test]
    public async Task Real_files_are_changed_and_restored_byte_for_byte()
    {
        using var tree = FixtureTree.Copy(FixtureTree.RaspberryPi4);
        var sysfs = new PhysicalSysfs(tree.Sys);
        // Plain files do not follow the governor, so the current frequency never settles: accept that here.
        var options = new LinuxHardwareOptions { SysfsRoot = tree.Sys, RequireSettled = false, SettleTimeout = TimeSpan.FromMilliseconds(20), SettlePollInterval = TimeSpan.FromMilliseconds(5) };
        var original = tree.Snapshot();
        var governor = new CpuGovernorKnob(sysfs, "policy0", "cpu_governor", options);
        var frequency = new CpuFrequencyKnob(sysfs, "policy0", "cpu_freq", CpuFrequencyStrategy.PinLimits, options);
        var cores = new OnlineCoresKnob(sysfs, "cpu_cores", options);

        await using (var scope = new HardwareScope([governor, frequency, cores]))
        {
            await scope.ApplyAsync("cpu_governor", KnobValue.FromText("performance"), CancellationToken.None);
            await scope.ApplyAsync("cpu_freq", KnobValue.FromNumber(1000000), CancellationToken.None);
            await scope.ApplyAsync("cpu_cores", KnobValue.FromNumber(3), CancellationToken.None);
            Assert.That(tree.ReadSys($"{Policy}/scaling_governor"), Is.EqualTo("performance\n"));
            Assert.That(tree.ReadSys($"{Policy}/scaling_min_freq"), Is.EqualTo("1000000\n"));
            Assert.That(tree.ReadSys($"{Policy}/scaling_max_freq"), Is.EqualTo("1000000\n"));
            Assert.That(tree.ReadSys("devices/system/cpu/cpu3/online"), Is.EqualTo("0\n"));
            Assert.That(tree.ReadSys("devices/system/cpu/cpu2/online"), Is.EqualTo("1\n"));
            Assert.That((await governor.ReadAsync(CancellationToken.None)).Text, Is.EqualTo("performance"));
        }

        // "performance" -> "ondemand" and "1000000" -> "600000" are shorter: the write truncates.
        Assert.That(tree.Snapshot(), Is.EqualTo(original));
    }

    [Test]
    public void Lists_directories_and_reads_without_trailing_newline()
    {
        using var tree = FixtureTree.Copy(FixtureTree.XavierNx);
        var sysfs = new PhysicalSysfs(tree.Sys);
        Assert.That(sysfs.ListDirectories("devices/system/cpu/cpufreq"), Is.EqualTo(new[] { "policy0", "policy2", "policy4" }));
        Assert.That(sysfs.ListDirectories("class/nothing"), Is.Empty);
        Assert.That(sysfs.Read($"{Policy}/scaling_available_governors"), Is.EqualTo("interactive conservative ondemand userspace powersave performance schedutil"));
        Assert.That(sysfs.GetFullPath("/class/devfreq"), Is.EqualTo(Path.Combine(tree.Sys, "class/devfreq")));
    }
}
