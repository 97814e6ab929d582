using Microsoft.Extensions.Configuration;
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
            var knobs = provider.GetHardwareKnobs().ToList();
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

        var knobs = host.Services.GetHardwareKnobs().ToDictionary(k => k.Name);
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
        Assert.That(provider.GetHardwareKnobs(), Is.Empty);
        var inventory = provider.GetRequiredService<LinuxHardwareInventory>();
        Assert.That(inventory.Knobs, Is.Empty);
        Assert.That(logs.Lines.Single(l => l.Category == "DynaSplit.Hardware.Linux").Message, Does.Contain("no hardware knob registered"));
    }

    [Test]
    public async Task Registration_looks_at_nothing_calling_it_twice_adds_both_delegates_and_options_from_configuration_reach_it()
    {
        using var board = TestBoard.Open(FixtureTree.RaspberryPi5);
        var discovered = 0;
        var services = new ServiceCollection();
        var builder = services.AddDynaSplit()
            .AddLinuxHardware(o => { board.Configure(o); discovered++; })
            .AddLinuxHardware(o => o.EnableUsbAccelerator = false);
        Assert.That(discovered, Is.Zero, "registration must not discover the board");
        var configuration = new Microsoft.Extensions.Configuration.ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["EnableOnlineCores"] = "false" })
            .Build();
        builder.AddLinuxHardware(configuration);

        await using var provider = services.BuildServiceProvider();
        var names = provider.GetHardwareKnobs().Select(k => k.Name).ToList();

        Assert.That(discovered, Is.EqualTo(1));
        Assert.That(names, Does.Contain("cpu_freq").And.Not.Contain("usb_accelerator").And.Not.Contain("cpu_cores"));
        Assert.That(provider.GetServices<IHardwareKnobSource>().Count(), Is.EqualTo(1));
    }
}
