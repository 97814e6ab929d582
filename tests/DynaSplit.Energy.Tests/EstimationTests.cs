using DynaSplit.Energy.Estimation;
using DynaSplit.Energy.Tests.Fixtures;
using Microsoft.Extensions.Logging.Abstractions;

namespace DynaSplit.Energy.Tests;

public sealed class EstimationTests
{
    [Test]
    public void Proc_stat_parsing_takes_utime_and_stime_after_a_command_with_spaces_and_parentheses()
    {
        const string stat = "4242 (my (odd) app) S 1 4242 4242 0 -1 4194560 1000 0 0 0 250 50 0 0 20 0 8 0 100 1000000 500 18446744073709551615";
        Assert.That(CpuTimeReader.ParseStat(stat, 100, "stat"), Is.EqualTo(3.0).Within(1e-12));
        Assert.That(() => CpuTimeReader.ParseStat("garbage", 100, "stat"), Throws.InstanceOf<IOException>());
    }

    [Test]
    public void Cgroup_cpu_stat_parsing_reads_usage_usec()
    {
        Assert.That(CpuTimeReader.ParseCpuStat("usage_usec 2500000\nuser_usec 2000000\nsystem_usec 500000\n", "cpu.stat"), Is.EqualTo(2.5).Within(1e-12));
    }

    [Test]
    public async Task Model_energy_is_idle_times_duration_plus_active_times_cpu_share_and_labelled_estimated()
    {
        using var fixture = new SysfsFixture();
        var stat = (long ticks) => $"1 (dotnet) R 0 1 1 0 -1 0 0 0 0 0 {ticks} 0 0 0 20 0 1 0 1 1 1";
        fixture.Write("proc/self/stat", stat(1000));
        var clock = new ManualClock();
        var options = new EstimatedEnergyMeterOptions { IdleWatts = 3.0, ActiveWatts = 8.0, Cores = 4, ProcRoot = fixture.Path_("proc"), ClockTicksPerSecond = 100, PollInterval = TimeSpan.FromMinutes(1) };
        var meter = new EstimatedEnergyMeter("pi", options, clock, NullLogger.Instance);
        Assert.That(meter.Availability.IsAvailable, Is.True, meter.Availability.Reason);

        var window = await meter.StartAsync(CancellationToken.None);
        clock.Advance(TimeSpan.FromSeconds(2));
        fixture.Write("proc/self/stat", stat(1300)); // 3 CPU seconds in 2 s on 4 cores: 37.5% utilisation
        var reading = await window.StopAsync(CancellationToken.None);

        Assert.That(reading.Kind, Is.EqualTo(EnergyReadingKind.Estimated));
        Assert.That(reading.Duration, Is.EqualTo(TimeSpan.FromSeconds(2)));
        Assert.That(reading.Joules, Is.EqualTo((3.0 * 2) + (8.0 * 3 / 4)).Within(1e-9));
    }

    [Test]
    public void Real_process_cpu_time_is_readable_here_and_a_missing_cgroup_is_unavailable()
    {
        var real = new EstimatedEnergyMeter("est", new EstimatedEnergyMeterOptions { IdleWatts = 1, ActiveWatts = 1 });
        Assert.That(real.Availability.IsAvailable, Is.True, real.Availability.Reason);
        var missing = new EstimatedEnergyMeter("est", new EstimatedEnergyMeterOptions { IdleWatts = 1, ActiveWatts = 1, Scope = CpuTimeScope.Cgroup, CgroupRoot = "/nonexistent", CgroupPath = "/x" });
        Assert.That(missing.Availability.IsAvailable, Is.False);
        Assert.That(missing.Availability.Reason, Does.Contain("/nonexistent/x/cpu.stat"));
    }
}
