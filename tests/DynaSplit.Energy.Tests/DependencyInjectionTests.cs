using DynaSplit.DependencyInjection;
using DynaSplit.Energy.Tests.Fixtures;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace DynaSplit.Energy.Tests;

public sealed class DependencyInjectionTests
{
    [Test]
    public async Task Builder_registers_every_meter_and_they_combine()
    {
        using var fixture = new SysfsFixture();
        fixture.AddNanoIna3221x();
        fixture.AddRapl();
        var services = new ServiceCollection();
        services.AddDynaSplit()
            .AddInaHwmonMeter(o => { o.SysfsRoot = fixture.Root; o.Channels = ["POM_5V_IN"]; o.SamplingInterval = TimeSpan.FromMilliseconds(2); }, "edge")
            .AddRaplMeter(o => o.SysfsRoot = fixture.Root, "cloud")
            .AddNvmlMeter()
            .AddEstimatedEnergyMeter(o => { o.IdleWatts = 2; o.ActiveWatts = 4; });
        using var provider = services.BuildServiceProvider();

        var meters = provider.GetServices<IEnergyMeter>().ToArray();
        Assert.That(meters.Select(m => (m.Name, m.Availability.IsAvailable)), Is.EqualTo(new[] { ("edge", true), ("cloud", true), ("nvml", false), ("estimated", true) }));

        var composite = new CompositeEnergyMeter("edge+cloud", meters.Take(2));
        var window = await composite.StartAsync(CancellationToken.None);
        await Task.Delay(50);
        fixture.Write("class/powercap/intel-rapl:0/energy_uj", "2000000");
        var reading = await window.StopAsync(CancellationToken.None);
        Assert.That(reading.Parts.Select(p => p.Source), Is.EqualTo(new[] { "edge", "cloud" }));
        Assert.That(reading.Parts[1].Joules, Is.EqualTo(1.0).Within(1e-9));
        Assert.That(reading.Parts[0].Joules, Is.EqualTo(3.3 * reading.Parts[0].Duration.TotalSeconds).Within(1e-6));
    }

    [Test]
    public void Invalid_options_fail_validation_with_the_meter_name()
    {
        var services = new ServiceCollection();
        services.AddDynaSplit()
            .AddInaHwmonMeter(o => o.SamplingInterval = TimeSpan.Zero, "bad-ina")
            .AddIna219I2cMeter(o => { o.ShuntOhms = 0.1; o.MaxExpectedAmps = 10; })
            .AddEstimatedEnergyMeter(_ => { });
        using var provider = services.BuildServiceProvider();

        var ina = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptionsMonitor<Energy.Ina.InaHwmonMeterOptions>>().Get("bad-ina"));
        Assert.That(ina!.Message, Does.Contain("bad-ina").And.Contain("SamplingInterval"));
        var i2c = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptionsMonitor<Energy.Ina.I2c.Ina219MeterOptions>>().Get("ina219"));
        Assert.That(i2c!.Message, Does.Contain("at most 3.2 A"));
        var est = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptionsMonitor<Energy.Estimation.EstimatedEnergyMeterOptions>>().Get("estimated"));
        Assert.That(est!.Message, Does.Contain("IdleWatts"));
    }
}
