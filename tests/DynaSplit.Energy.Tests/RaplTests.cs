using DynaSplit.Energy.Rapl;
using DynaSplit.Energy.Tests.Fixtures;

namespace DynaSplit.Energy.Tests;

public sealed class RaplTests
{
    private SysfsFixture _fixture = null!;

    [SetUp]
    public void SetUp() => _fixture = new SysfsFixture();

    [TearDown]
    public void TearDown() => _fixture.Dispose();

    [Test]
    public void Discovery_lists_zones_and_the_default_selects_the_packages()
    {
        _fixture.AddRapl();
        var zones = RaplDiscovery.Discover(_fixture.Root);
        Assert.That(zones.Select(z => $"{z.Id}={z.Name}"), Is.EqualTo(new[] { "intel-rapl:0=package-0", "intel-rapl:0:0=core", "intel-rapl:0:1=dram", "intel-rapl:1=package-1", "intel-rapl:1:0=core" }));
        Assert.That(zones.Count(z => z.IsTopLevel), Is.EqualTo(2));

        var meter = new RaplMeter("rapl", new RaplMeterOptions { SysfsRoot = _fixture.Root });
        Assert.That(meter.Availability.IsAvailable, Is.True, meter.Availability.Reason);
        Assert.That(meter.Counter!.Channels, Is.EqualTo(new[] { "package-0", "package-1" }));
        Assert.That(meter.Counter.WrapJoules[0], Is.EqualTo(262_143.32885).Within(1e-6));
    }

    [Test]
    public async Task Window_counts_energy_across_a_wrap_around()
    {
        const long max = 10_000_000; // 10 J range, so the test can wrap it
        _fixture.AddRapl(max);
        _fixture.Write("class/powercap/intel-rapl:0/energy_uj", "9000000");
        var meter = new RaplMeter("rapl", new RaplMeterOptions { SysfsRoot = _fixture.Root, Zones = ["package-0"], PollInterval = TimeSpan.FromMilliseconds(5) });

        var window = await meter.StartAsync(CancellationToken.None);
        _fixture.Write("class/powercap/intel-rapl:0/energy_uj", "9800000");
        await Task.Delay(40);
        _fixture.Write("class/powercap/intel-rapl:0/energy_uj", "500000"); // wrapped: +0.2 J to the top, +0.5 J after
        await Task.Delay(40);
        _fixture.Write("class/powercap/intel-rapl:0/energy_uj", "1500000");
        await Task.Delay(40);
        var reading = await window.StopAsync(CancellationToken.None);

        Assert.That(reading.Joules, Is.EqualTo(0.8 + 0.2 + 0.5 + 1.0).Within(1e-9));
        Assert.That(reading.Kind, Is.EqualTo(EnergyReadingKind.Measured));
        Assert.That(reading.SampleCount, Is.GreaterThanOrEqualTo(4));
    }

    [Test]
    public async Task Two_packages_are_summed_with_a_part_each()
    {
        _fixture.AddRapl();
        var meter = new RaplMeter("rapl", new RaplMeterOptions { SysfsRoot = _fixture.Root });
        var window = await meter.StartAsync(CancellationToken.None);
        _fixture.Write("class/powercap/intel-rapl:0/energy_uj", "4000000");
        _fixture.Write("class/powercap/intel-rapl:1/energy_uj", "2500000");
        var reading = await window.StopAsync(CancellationToken.None);

        Assert.That(reading.Parts.Select(p => (p.Source, Math.Round(p.Joules, 9))), Is.EqualTo(new[] { ("rapl:package-0", 3.0), ("rapl:package-1", 0.5) }));
        Assert.That(reading.Joules, Is.EqualTo(3.5).Within(1e-9));
    }

    [Test]
    public async Task Zone_disappearing_mid_window_raises()
    {
        _fixture.AddRapl();
        var meter = new RaplMeter("rapl", new RaplMeterOptions { SysfsRoot = _fixture.Root, PollInterval = TimeSpan.FromMilliseconds(2) });
        var window = await meter.StartAsync(CancellationToken.None);
        Directory.Delete(_fixture.Path_("class/powercap/intel-rapl:1"), recursive: true);
        await Task.Delay(20);
        var ex = Assert.ThrowsAsync<InvalidOperationException>(async () => await window.StopAsync(CancellationToken.None));
        Assert.That(ex!.Message, Does.Contain("intel-rapl:1"));
    }

    [Test]
    public void No_powercap_or_an_unknown_zone_is_unavailable_without_throwing()
    {
        var none = new RaplMeter("rapl", new RaplMeterOptions { SysfsRoot = _fixture.Root });
        Assert.That(none.Availability.IsAvailable, Is.False);
        Assert.That(none.Availability.Reason, Does.Contain("No RAPL zones"));
        _fixture.AddRapl();
        var wrong = new RaplMeter("rapl", new RaplMeterOptions { SysfsRoot = _fixture.Root, Zones = ["psys"] });
        Assert.That(wrong.Availability.Reason, Does.Contain("psys").And.Contain("package-1"));
    }
}
