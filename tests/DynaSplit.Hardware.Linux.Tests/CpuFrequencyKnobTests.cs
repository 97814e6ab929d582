using DynaSplit.Hardware;
using DynaSplit.Hardware.Linux.Knobs;
using DynaSplit.Hardware.Linux.Sysfs;
using DynaSplit.Hardware.Linux.Tests.Emulation;
using DynaSplit.Spaces;

namespace DynaSplit.Hardware.Linux.Tests;

public sealed class CpuFrequencyKnobTests
{
    private const string Policy = "devices/system/cpu/cpufreq/policy0";

    [Test]
    public async Task Domain_is_the_available_frequencies_in_khz()
    {
        using var board = TestBoard.Open(FixtureTree.RaspberryPi4);
        await using var knob = new CpuFrequencyKnob(board.Sysfs, "policy0", "cpu_freq", options: board.Options);
        var domain = await knob.GetDomainAsync(CancellationToken.None);
        Assert.That(domain.Values.Select(v => v.Number), Is.EqualTo(Enumerable.Range(6, 13).Select(i => (double?)(i * 100000))));
        Assert.That(domain.Unit, Is.EqualTo("kHz"));
        var parameter = await knob.ToParameterAsync(CancellationToken.None);
        Assert.That(parameter, Is.TypeOf<OrdinalParameter>());
        Assert.That(parameter.Role, Is.EqualTo(ParameterRole.EdgeCpuFrequency));
        Assert.That(parameter.LevelCount, Is.EqualTo(13));
    }

    [Test]
    public async Task Without_a_frequency_table_the_domain_is_the_cpuinfo_limits()
    {
        using var board = TestBoard.Open(FixtureTree.RaspberryPi5);
        File.Delete(Path.Combine(board.Tree.Sys, Policy, "scaling_available_frequencies"));
        await using var knob = new CpuFrequencyKnob(board.Sysfs, "policy0", "cpu_freq", options: board.Options);
        var domain = await knob.GetDomainAsync(CancellationToken.None);
        Assert.That(domain.Values.Select(v => v.Number), Is.EqualTo(new double?[] { 1500000, 2400000 }));
    }

    [Test]
    public async Task Userspace_governor_sets_the_speed_waits_for_it_and_restores_the_governor()
    {
        using var board = TestBoard.Open(FixtureTree.JetsonNano);
        board.Sysfs.SettleReads = 3;
        await using var knob = new CpuFrequencyKnob(board.Sysfs, "policy0", "cpu_freq", options: board.Options);
        Assert.That(knob.UsesUserspaceGovernor, Is.True);

        await knob.ApplyAsync(KnobValue.FromNumber(921600), CancellationToken.None);

        Assert.That(board.Sysfs.Writes, Is.EqualTo(new[] { ($"{Policy}/scaling_governor", "userspace"), ($"{Policy}/scaling_setspeed", "921600") }));
        Assert.That(board.Tree.ReadSys($"{Policy}/scaling_cur_freq"), Is.EqualTo("921600\n"), "apply returned only once the current frequency reached the target");
        Assert.That((await knob.ReadAsync(CancellationToken.None)).Number, Is.EqualTo(921600));
        Assert.That(knob.HasChanges, Is.True);

        await knob.RestoreAsync(CancellationToken.None);
        board.Sysfs.Settle();
        Assert.That(board.Tree.ReadSys($"{Policy}/scaling_governor"), Is.EqualTo("schedutil\n"));
        Assert.That(board.Tree.ReadSys($"{Policy}/scaling_setspeed"), Is.EqualTo("<unsupported>\n"));
        Assert.That(board.Tree.ReadSys($"{Policy}/scaling_cur_freq"), Is.EqualTo("102000\n"));
        Assert.That(knob.HasChanges, Is.False);
    }

    [Test]
    public async Task Pinning_raises_max_first_and_lowers_min_first()
    {
        using var board = TestBoard.Open(FixtureTree.RaspberryPi4);
        await using var knob = new CpuFrequencyKnob(board.Sysfs, "policy0", "cpu_freq", CpuFrequencyStrategy.PinLimits, board.Options);

        await knob.ApplyAsync(KnobValue.FromNumber(1200000), CancellationToken.None);
        Assert.That(board.Sysfs.Writes, Is.EqualTo(new[] { ($"{Policy}/scaling_max_freq", "1200000"), ($"{Policy}/scaling_min_freq", "1200000") }));

        board.Sysfs.Writes.Clear();
        await knob.ApplyAsync(KnobValue.FromNumber(1500000), CancellationToken.None);
        Assert.That(board.Sysfs.Writes, Is.EqualTo(new[] { ($"{Policy}/scaling_max_freq", "1500000"), ($"{Policy}/scaling_min_freq", "1500000") }), "raising: max first");

        board.Sysfs.Writes.Clear();
        await knob.ApplyAsync(KnobValue.FromNumber(700000), CancellationToken.None);
        Assert.That(board.Sysfs.Writes, Is.EqualTo(new[] { ($"{Policy}/scaling_min_freq", "700000"), ($"{Policy}/scaling_max_freq", "700000") }), "lowering: min first");
        Assert.That(board.Tree.ReadSys($"{Policy}/scaling_cur_freq"), Is.EqualTo("700000\n"));
        Assert.That(board.Sysfs.Refused, Is.Empty);
        Assert.That(board.Tree.ReadSys($"{Policy}/scaling_governor"), Is.EqualTo("ondemand\n"), "pinning leaves the governor alone");

        await knob.RestoreAsync(CancellationToken.None);
        Assert.That(board.Tree.ReadSys($"{Policy}/scaling_min_freq"), Is.EqualTo("600000\n"));
        Assert.That(board.Tree.ReadSys($"{Policy}/scaling_max_freq"), Is.EqualTo("1800000\n"));
    }

    [Test]
    public void The_emulated_kernel_rejects_limits_written_in_the_wrong_order_and_outside_the_range()
    {
        using var board = TestBoard.Open(FixtureTree.RaspberryPi4);
        var minAboveMax = Assert.Throws<SysfsException>(() => board.Sysfs.Write($"{Policy}/scaling_max_freq", "500000"))!;
        Assert.That(minAboveMax.Kind, Is.EqualTo(SysfsErrorKind.InvalidArgument));
        board.Sysfs.Write($"{Policy}/scaling_max_freq", "1000000");
        Assert.Throws<SysfsException>(() => board.Sysfs.Write($"{Policy}/scaling_min_freq", "1200000"));
        Assert.Throws<SysfsException>(() => board.Sysfs.Write($"{Policy}/scaling_max_freq", "2000000"));
        Assert.Throws<SysfsException>(() => board.Sysfs.Write($"{Policy}/scaling_setspeed", "1000000"), "no setspeed outside the userspace governor");
        Assert.Throws<SysfsException>(() => board.Sysfs.Write($"{Policy}/scaling_cur_freq", "1000000"), "read-only attribute");
        Assert.That(board.Tree.ReadSys($"{Policy}/scaling_max_freq"), Is.EqualTo("1000000\n"));
    }

    [Test]
    public async Task A_value_outside_the_domain_is_refused_before_anything_is_written()
    {
        using var board = TestBoard.Open(FixtureTree.RaspberryPi4);
        await using var knob = new CpuFrequencyKnob(board.Sysfs, "policy0", "cpu_freq", options: board.Options);
        var before = board.Tree.Snapshot();
        var ex = Assert.ThrowsAsync<ArgumentOutOfRangeException>(async () => await knob.ApplyAsync(KnobValue.FromNumber(1234567), CancellationToken.None))!;
        Assert.That(ex.Message, Does.Contain("'1234567' is not a value this board accepts").And.Contain("Nothing was written"));
        Assert.ThrowsAsync<ArgumentOutOfRangeException>(async () => await knob.ApplyAsync(KnobValue.FromNumber(2000000), CancellationToken.None));
        Assert.That(board.Sysfs.Writes, Is.Empty);
        Assert.That(knob.HasChanges, Is.False);
        Assert.That(board.Tree.Snapshot(), Is.EqualTo(before));
    }

    [Test]
    public async Task A_frequency_that_does_not_settle_fails_or_warns_as_configured()
    {
        using var board = TestBoard.Open(FixtureTree.RaspberryPi4);
        board.Sysfs.SettleReads = int.MaxValue;
        board.Options.SettleTimeout = TimeSpan.FromMilliseconds(50);
        await using var strict = new CpuFrequencyKnob(board.Sysfs, "policy0", "cpu_freq", options: board.Options);
        var ex = Assert.ThrowsAsync<HardwareKnobException>(async () => await strict.ApplyAsync(KnobValue.FromNumber(1000000), CancellationToken.None))!;
        Assert.That(ex.Message, Does.Contain("the current frequency is 600000 kHz, not the 1000000 kHz asked for").And.Contain("scaling_cur_freq"));
        Assert.That(strict.HasChanges, Is.True, "the original state was recorded before the write, so restore puts it back");
        await strict.RestoreAsync(CancellationToken.None);
        Assert.That(board.Tree.ReadSys($"{Policy}/scaling_governor"), Is.EqualTo("ondemand\n"));

        board.Options.RequireSettled = false;
        await using var lenient = new CpuFrequencyKnob(board.Sysfs, "policy0", "cpu_freq", options: board.Options);
        await lenient.ApplyAsync(KnobValue.FromNumber(1000000), CancellationToken.None);
        Assert.That(board.Tree.ReadSys($"{Policy}/scaling_setspeed"), Is.EqualTo("1000000\n"));
    }

    [Test]
    public async Task Userspace_target_outside_narrowed_limits_widens_them_first()
    {
        using var board = TestBoard.Open(FixtureTree.OrinNano);
        board.Sysfs.Write($"{Policy}/scaling_max_freq", "960000");
        board.Sysfs.Writes.Clear();
        await using var knob = new CpuFrequencyKnob(board.Sysfs, "policy0", "cpu_freq", options: board.Options);
        await knob.ApplyAsync(KnobValue.FromNumber(1497600), CancellationToken.None);
        Assert.That(board.Tree.ReadSys($"{Policy}/scaling_max_freq"), Is.EqualTo("1497600\n"));
        Assert.That(board.Tree.ReadSys($"{Policy}/scaling_cur_freq"), Is.EqualTo("1497600\n"));
        await knob.DisposeAsync();
        Assert.That(board.Tree.ReadSys($"{Policy}/scaling_max_freq"), Is.EqualTo("960000\n"), "dispose restores the narrowed limit");
        Assert.ThrowsAsync<ObjectDisposedException>(async () => await knob.ApplyAsync(KnobValue.FromNumber(115200), CancellationToken.None));
    }
}
