using DynaSplit.DependencyInjection;
using DynaSplit.Energy.Nvml;
using DynaSplit.Energy.Tests.Fixtures;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace DynaSplit.Energy.Tests;

public sealed class NvmlTests
{
    [Test]
    public void Without_nvml_on_this_machine_the_meter_is_unavailable_and_registration_does_not_throw()
    {
        var services = new ServiceCollection();
        services.AddDynaSplit().AddNvmlMeter();
        using var provider = services.BuildServiceProvider();

        var meter = provider.GetServices<IEnergyMeter>().Single();

        Assert.That(meter.Name, Is.EqualTo("nvml"));
        Assert.That(meter.Availability.IsAvailable, Is.False);
        Assert.That(meter.Availability.Reason, Does.Contain("libnvidia-ml.so.1"));
        Assert.That(async () => await meter.StartAsync(CancellationToken.None), Throws.InvalidOperationException.With.Message.Contains("unavailable"));
    }

    [Test]
    public async Task Energy_counter_gpus_are_measured_by_counter_differences()
    {
        var fake = new FakeNvml(("H100", true), ("A100", true));
        fake.EnergyMillijoules[0] = 1_000_000;
        fake.EnergyMillijoules[1] = 5_000;
        using (var meter = new NvmlMeter("nvml", new NvmlMeterOptions(), (fake, null), null, NullLogger.Instance))
        {
            Assert.That(meter.Gpus.Select(g => g.Mode), Is.All.EqualTo(NvmlMeasurementMode.EnergyCounter));
            var window = await meter.StartAsync(CancellationToken.None);
            fake.EnergyMillijoules[0] += 140_000;
            fake.EnergyMillijoules[1] += 2_500;
            var reading = await window.StopAsync(CancellationToken.None);
            Assert.That(reading.Joules, Is.EqualTo(142.5).Within(1e-9));
            Assert.That(reading.Parts.Select(p => p.Source), Is.EqualTo(new[] { "nvml:gpu0", "nvml:gpu1" }));
            Assert.That(fake.Initialized, Is.EqualTo(1));
        }

        Assert.That(fake.Initialized, Is.EqualTo(0), "nvmlShutdown on dispose");
        Assert.That(fake.Disposed, Is.True);
    }

    [Test]
    public async Task Gpus_without_the_counter_fall_back_to_power_sampling()
    {
        var fake = new FakeNvml(("Tesla P100", false));
        fake.PowerMilliwatts[0] = 50_000;
        using var meter = new NvmlMeter("nvml", new NvmlMeterOptions { PowerSamplingInterval = TimeSpan.FromMilliseconds(5) }, (fake, null), null, NullLogger.Instance);
        Assert.That(meter.Gpus.Single().Mode, Is.EqualTo(NvmlMeasurementMode.PowerSampling));

        var reading = await meter.MeasureAsync(ct => new ValueTask(Task.Delay(100, ct)), CancellationToken.None);

        Assert.That(reading.MeanWatts, Is.EqualTo(50.0).Within(1e-3));
        Assert.That(reading.SampleCount, Is.GreaterThan(3));
    }

    [Test]
    public void Counter_mode_on_a_gpu_without_the_counter_is_unavailable()
    {
        var fake = new FakeNvml(("Tesla P100", false));
        using var meter = new NvmlMeter("nvml", new NvmlMeterOptions { Mode = NvmlMeasurementMode.EnergyCounter }, (fake, null), null, NullLogger.Instance);
        Assert.That(meter.Availability.IsAvailable, Is.False);
        Assert.That(meter.Availability.Reason, Does.Contain("Not Supported"));
    }

    [Test]
    public async Task A_gpu_lost_mid_window_raises()
    {
        var fake = new FakeNvml(("H100", true));
        using var meter = new NvmlMeter("nvml", new NvmlMeterOptions(), (fake, null), null, NullLogger.Instance);
        var window = await meter.StartAsync(CancellationToken.None);
        fake.Lost = true;
        var ex = Assert.ThrowsAsync<InvalidOperationException>(async () => await window.StopAsync(CancellationToken.None));
        Assert.That(ex!.Message, Does.Contain("GPU is lost"));
    }
}
