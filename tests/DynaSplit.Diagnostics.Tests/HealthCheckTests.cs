using DynaSplit.DependencyInjection;
using DynaSplit.Diagnostics.HealthChecks;
using DynaSplit.Diagnostics.Tests.Fakes;
using DynaSplit.Energy.Estimation;
using DynaSplit.Execution;
using DynaSplit.Hardware;
using DynaSplit.Online;
using DynaSplit.Scheduling;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace DynaSplit.Diagnostics.Tests;

public sealed class HealthCheckTests
{
    [Test]
    public async Task A_table_made_for_the_served_model_with_readable_knobs_and_meters_is_healthy_and_nothing_is_written()
    {
        var knob = TestSystem.CpuKnob();
        var meter = new FakeMeter("ina:VDD_IN");
        var services = new ServiceCollection();
        services.AddDynaSplit().UseLookupTable(TestSystem.Table("sha256:abc")).AddHardwareKnob(_ => knob).AddEnergyMeter(_ => meter);
        services.AddSingleton(TestSystem.Plan(fingerprint: "sha256:abc"));
        services.AddHealthChecks().AddDynaSplitChecks().AddDynaSplitChecks();

        var report = await RunAsync(services);

        Assert.That(report.Entries.Keys, Is.EquivalentTo(new[] { DynaSplitHealthChecks.LookupTable, DynaSplitHealthChecks.Knobs, DynaSplitHealthChecks.EnergyMeters }), "a second AddDynaSplitChecks adds nothing");
        Assert.That(report.Status, Is.EqualTo(HealthStatus.Healthy), Describe(report));
        var table = report.Entries[DynaSplitHealthChecks.LookupTable];
        Assert.That(table.Data["entries"], Is.EqualTo(2));
        Assert.That(table.Data["model"], Is.EqualTo("model.onnx"));
        Assert.That(table.Tags, Does.Contain(DynaSplitHealthChecks.Tag));
        Assert.That(report.Entries[DynaSplitHealthChecks.Knobs].Data["cpu-freq"], Is.EqualTo("1800 MHz; domain {600, 1800} MHz; as found (not written yet)"));
        Assert.That(report.Entries[DynaSplitHealthChecks.EnergyMeters].Data["ina:VDD_IN"], Is.EqualTo("readable (measured, ina:VDD_IN)"));
        Assert.That(meter.Windows, Is.EqualTo(1));
        Assert.That(knob.Writes, Is.Zero, "a health check never writes a knob");
    }

    [Test]
    public async Task A_missing_table_file_is_unhealthy_and_names_the_path()
    {
        var path = Path.Combine(Path.GetTempPath(), $"dynasplit-missing-{Guid.NewGuid():N}.json");
        var services = new ServiceCollection();
        services.AddDynaSplit(o => o.LookupTablePath = path);
        services.AddHealthChecks().AddDynaSplitLookupTableCheck();

        var entry = (await RunAsync(services)).Entries[DynaSplitHealthChecks.LookupTable];

        Assert.That(entry.Status, Is.EqualTo(HealthStatus.Unhealthy));
        Assert.That(entry.Description, Does.StartWith("The lookup table could not be loaded:").And.Contain(path).And.Contain("does not exist"));
    }

    [TestCase(10, null, "split points 0..10")]
    [TestCase(TestSystem.LastCut, "sha256:other", "fingerprint sha256:abc")]
    public async Task A_table_made_for_another_model_is_unhealthy_with_the_mismatch(int lastCut, string? fingerprint, string expected)
    {
        var services = new ServiceCollection();
        services.AddDynaSplit().UseLookupTable(TestSystem.Table("sha256:abc")).AddHardwareKnob(_ => TestSystem.CpuKnob());
        services.AddSingleton(TestSystem.Plan(lastCut, fingerprint));
        services.AddHealthChecks().AddDynaSplitLookupTableCheck();

        var entry = (await RunAsync(services)).Entries[DynaSplitHealthChecks.LookupTable];

        Assert.That(entry.Status, Is.EqualTo(HealthStatus.Unhealthy));
        Assert.That(entry.Description, Does.Contain(expected).And.Contain("Run the offline phase").IgnoreCase);
    }

    [TestCase(UnboundSettingsPolicy.Warn, null, HealthStatus.Degraded)]
    [TestCase(UnboundSettingsPolicy.Error, null, HealthStatus.Unhealthy)]
    [TestCase(UnboundSettingsPolicy.Error, HealthStatus.Degraded, HealthStatus.Degraded)]
    public async Task A_table_setting_without_a_knob_follows_the_unbound_settings_policy(UnboundSettingsPolicy policy, HealthStatus? failureStatus, HealthStatus expected)
    {
        var services = new ServiceCollection();
        services.AddDynaSplit(o => o.UnboundSettings = policy).UseLookupTable(TestSystem.Table());
        services.AddHealthChecks().AddDynaSplitChecks(failureStatus);

        var entry = (await RunAsync(services)).Entries[DynaSplitHealthChecks.LookupTable];

        Assert.That(entry.Status, Is.EqualTo(expected));
        Assert.That(entry.Data["unbound"], Is.EqualTo("cpu-freq"));
        Assert.That(entry.Description, Does.Contain("no knob applies the parameter(s) cpu-freq"));
    }

    [Test]
    public async Task A_knob_that_cannot_be_read_is_unhealthy_and_a_changed_one_says_so()
    {
        var cpu = TestSystem.CpuKnob();
        var gpu = new FakeKnob("gpu-freq", new KnobDomain([KnobValue.FromNumber(300)], "MHz"), KnobValue.FromNumber(300)) { ReadFailure = "cur_freq: No such device" };
        var services = new ServiceCollection();
        services.AddDynaSplit().UseLookupTable(TestSystem.Table()).AddHardwareKnob(_ => cpu).AddHardwareKnob(_ => gpu);
        services.AddSingleton<ISplitExecutor>(new EchoExecutor());
        services.AddHealthChecks().AddDynaSplitKnobsCheck();
        services.AddLogging();
        await using var provider = services.BuildServiceProvider();

        // The runtime serves a relaxed request: the table's low-energy entry sets cpu-freq to 600.
        await provider.GetRequiredService<DynaSplitRuntime>().RunAsync(new InferenceRequest(1_000_000), [TensorData.FromFloats("x", [1, 2], [1f, 2f])], CancellationToken.None);
        var entry = (await provider.GetRequiredService<HealthCheckService>().CheckHealthAsync()).Entries[DynaSplitHealthChecks.Knobs];

        Assert.That(entry.Status, Is.EqualTo(HealthStatus.Unhealthy));
        Assert.That(entry.Description, Is.EqualTo("1 of 2 hardware knob(s) cannot be read: gpu-freq: cur_freq: No such device"));
        Assert.That(entry.Data["cpu-freq"], Is.EqualTo("600 MHz; domain {600, 1800} MHz; changed by DynaSplit (written and read back), restored on stop"));
        Assert.That(entry.Exception, Is.InstanceOf<IOException>());
    }

    [Test]
    public async Task Meters_some_unreadable_is_degraded_none_readable_is_unhealthy_none_registered_is_degraded()
    {
        var mixed = await MetersAsync(new FakeMeter("rapl"), new FakeMeter("nvml", unavailable: "libnvidia-ml.so.1 not found"), new FakeMeter("ina", stopFailure: "the sensor disappeared"));
        Assert.That(mixed.Status, Is.EqualTo(HealthStatus.Degraded));
        Assert.That(mixed.Description, Is.EqualTo("2 of 3 energy meter(s) cannot measure: nvml is unavailable: libnvidia-ml.so.1 not found; ina cannot be read: the sensor disappeared"));

        var none = await MetersAsync(new FakeMeter("nvml", unavailable: "libnvidia-ml.so.1 not found"));
        Assert.That(none.Status, Is.EqualTo(HealthStatus.Unhealthy));

        var absent = await MetersAsync();
        Assert.That(absent.Status, Is.EqualTo(HealthStatus.Degraded));
        Assert.That(absent.Description, Does.StartWith("No energy meter is registered"));
    }

    [Test]
    public async Task A_real_estimated_meter_reads_and_is_labelled_estimated()
    {
        var services = new ServiceCollection();
        services.AddDynaSplit().AddEnergyMeter(_ => new EstimatedEnergyMeter("estimate", new EstimatedEnergyMeterOptions { IdleWatts = 2, ActiveWatts = 5 }));
        services.AddHealthChecks().AddDynaSplitEnergyMetersCheck();

        var entry = (await RunAsync(services)).Entries[DynaSplitHealthChecks.EnergyMeters];

        Assert.That(entry.Status, Is.EqualTo(HealthStatus.Healthy), entry.Description);
        Assert.That((string)entry.Data["estimate"], Does.StartWith("readable (estimated,"));
    }

    private static async Task<HealthReportEntry> MetersAsync(params FakeMeter[] meters)
    {
        var services = new ServiceCollection();
        var builder = services.AddDynaSplit();
        foreach (var meter in meters)
        {
            builder.AddEnergyMeter(_ => meter);
        }

        services.AddHealthChecks().AddDynaSplitEnergyMetersCheck();
        return (await RunAsync(services)).Entries[DynaSplitHealthChecks.EnergyMeters];
    }

    private static async Task<HealthReport> RunAsync(IServiceCollection services)
    {
        services.AddLogging();
        await using var provider = services.BuildServiceProvider();
        return await provider.GetRequiredService<HealthCheckService>().CheckHealthAsync();
    }

    private static string Describe(HealthReport report) =>
        string.Join("; ", report.Entries.Select(e => $"{e.Key}: {e.Value.Status} {e.Value.Description}"));
}
