using DynaSplit.DependencyInjection;
using DynaSplit.Hardware;
using DynaSplit.Hardware.Linux.Discovery;
using DynaSplit.Hardware.Linux.Tests.Emulation;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace DynaSplit.Hardware.Linux.Tests;

public sealed class DependencyInjectionTests
{
    [Test]
    public async Task Registers_the_found_knobs_logs_them_and_restores_when_the_container_is_disposed()
    {
        using var board = TestBoard.Open(FixtureTree.OrinNano);
        var original = board.Tree.Snapshot();
        var logs = new ListLoggerProvider();
        var services = new ServiceCollection();
        services.AddLogging(b => b.AddProvider(logs));
        services.AddDynaSplit().AddLinuxHardware(board.Configure);

        await using (var provider = services.BuildServiceProvider())
        {
            var knobs = provider.GetServices<IHardwareKnob>().ToList();
            Assert.That(knobs.Select(k => k.Name), Is.EqualTo(new[] { "cpu_freq", "cpu_freq.policy4", "cpu_cores", "gpu_freq", "power_mode", "usb_accelerator" }));
            var line = logs.Lines.Single(l => l.Category == "DynaSplit.Hardware.Linux");
            Assert.That(line.Level, Is.EqualTo(LogLevel.Information));
            Assert.That(line.Message, Does.StartWith("Linux hardware on NVIDIA Jetson Orin Nano Developer Kit (JetsonOrinNano): found cpu_freq: cpufreq policy0 (CPUs 0 1 2 3)"));
            Assert.That(line.Message, Does.Contain("gpu_freq: devfreq 17000000.gpu").And.Contain("Not found: nothing."));

            await knobs.Single(k => k.Name == "gpu_freq").ApplyAsync(KnobValue.FromNumber(408000000), CancellationToken.None);
            await knobs.Single(k => k.Name == "power_mode").ApplyAsync(KnobValue.FromText("7W"), CancellationToken.None);
            Assert.That(board.Nvpmodel!.Mode, Is.EqualTo(1));
        }

        board.Sysfs.Settle();
        Assert.That(board.Tree.Snapshot(), Is.EqualTo(original));
        Assert.That(board.Nvpmodel!.Mode, Is.EqualTo(0));
    }

    [Test]
    public async Task The_host_logs_at_start_and_restores_at_stop()
    {
        using var board = TestBoard.Open(FixtureTree.RaspberryPi5);
        var original = board.Tree.Snapshot();
        var logs = new ListLoggerProvider();
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders().AddProvider(logs);
        builder.Services.AddDynaSplit().AddLinuxHardware(board.Configure);
        using var host = builder.Build();
        await host.StartAsync();
        Assert.That(logs.Lines.Where(l => l.Category == "DynaSplit.Hardware.Linux").Select(l => l.Message), Has.One.StartsWith("Linux hardware on Raspberry Pi 5 Model B Rev 1.0 (RaspberryPi5): found cpu_freq"));

        var knobs = host.Services.GetServices<IHardwareKnob>().ToDictionary(k => k.Name);
        await knobs["cpu_freq"].ApplyAsync(KnobValue.FromNumber(1800000), CancellationToken.None);
        await knobs["usb_accelerator"].ApplyAsync(KnobValue.FromText("off"), CancellationToken.None);
        await knobs["cpu_cores"].ApplyAsync(KnobValue.FromNumber(1), CancellationToken.None);
        Assert.That(board.Tree.Snapshot(), Is.Not.EqualTo(original));

        await host.StopAsync();
        board.Sysfs.Settle();
        Assert.That(board.Tree.Snapshot(), Is.EqualTo(original), "restored at host stop, before the container is disposed");
    }

    [Test]
    public async Task On_a_machine_without_interfaces_no_knob_is_registered()
    {
        using var board = TestBoard.OpenEmpty();
        var logs = new ListLoggerProvider();
        var services = new ServiceCollection();
        services.AddLogging(b => b.AddProvider(logs));
        services.AddDynaSplit().AddLinuxHardware(board.Configure);
        await using var provider = services.BuildServiceProvider();
        Assert.That(provider.GetServices<IHardwareKnob>(), Is.Empty);
        var inventory = provider.GetRequiredService<LinuxHardwareInventory>();
        Assert.That(inventory.Knobs, Is.Empty);
        Assert.That(logs.Lines.Single(l => l.Category == "DynaSplit.Hardware.Linux").Message, Does.Contain("no hardware knob registered"));
    }

    [Test]
    public void Calling_it_twice_is_refused()
    {
        using var board = TestBoard.OpenEmpty();
        var builder = new ServiceCollection().AddDynaSplit().AddLinuxHardware(board.Configure);
        Assert.Throws<InvalidOperationException>(() => builder.AddLinuxHardware(board.Configure));
    }
}
