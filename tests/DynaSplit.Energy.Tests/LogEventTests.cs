using DynaSplit.Energy.Estimation;
using DynaSplit.Energy.Ina;
using DynaSplit.Energy.Nvml;
using DynaSplit.Energy.Rapl;
using DynaSplit.Energy.Tests.Fixtures;
using Microsoft.Extensions.Logging;

namespace DynaSplit.Energy.Tests;

/// <summary>The meters log with the event ids of docs/logging.md, never event id 0.</summary>
public sealed class LogEventTests
{
    private SysfsFixture _fixture = null!;

    [SetUp]
    public void SetUp() => _fixture = new SysfsFixture();

    [TearDown]
    public void TearDown() => _fixture.Dispose();

    [Test]
    public void Rapl_logs_discovery_and_availability_with_its_event_ids()
    {
        var missing = new EventLogger<RaplMeter>();
        _ = new RaplMeter("rapl", new RaplMeterOptions { SysfsRoot = _fixture.Root }, missing);
        Assert.That(missing.Lines.Select(l => (l.Level, l.Event.Id, l.Event.Name)), Is.EqualTo(new[]
        {
            (LogLevel.Information, 5312, "NoZones"),
            (LogLevel.Warning, 5301, "MeterUnavailable"),
        }));

        _fixture.AddRapl();
        var found = new EventLogger<RaplMeter>();
        _ = new RaplMeter("rapl", new RaplMeterOptions { SysfsRoot = _fixture.Root }, found);
        Assert.That(found.Lines.Select(l => l.Event.Id), Is.EqualTo(new[] { 5311, 5311, 5311, 5311, 5311, 5302 }));
        Assert.That(found.Lines[^1].Message, Does.StartWith("Energy meter rapl measures RAPL zones package-0 (intel-rapl:0) + package-1 (intel-rapl:1)"));
    }

    [Test]
    public void Every_meter_logs_with_an_event_id_of_its_own_range()
    {
        var ina = new EventLogger<InaHwmonMeter>();
        _ = new InaHwmonMeter("ina", new InaHwmonMeterOptions { SysfsRoot = _fixture.Root }, ina);
        var nvml = new EventLogger<NvmlMeter>();
        _ = new NvmlMeter("nvml", new NvmlMeterOptions(), nvml);
        var estimate = new EventLogger<EstimatedEnergyMeter>();
        _ = new EstimatedEnergyMeter("estimate", new EstimatedEnergyMeterOptions { IdleWatts = 2, ActiveWatts = 4 }, estimate);

        Assert.Multiple(() =>
        {
            Assert.That(ina.Lines.Select(l => l.Event.Id), Is.EqualTo(new[] { 5115, 5101 }), "no INA sensor: NoSensors, MeterUnavailable");
            Assert.That(nvml.Lines, Is.Not.Empty);
            Assert.That(nvml.Lines.Select(l => l.Event.Id), Is.All.InRange(5201, 5299));
            Assert.That(estimate.Lines.Select(l => l.Event.Id).Single(), Is.EqualTo(5001).Or.EqualTo(5002));
        });
    }
}
