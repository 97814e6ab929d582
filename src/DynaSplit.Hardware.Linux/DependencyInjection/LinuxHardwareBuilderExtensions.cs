using DynaSplit.Hardware.Linux;
using DynaSplit.Hardware.Linux.DependencyInjection;
using DynaSplit.Hardware.Linux.Discovery;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DynaSplit.DependencyInjection;

/// <summary>Registers the Linux hardware knobs (Raspberry Pi, NVIDIA Jetson) on the DynaSplit builder.</summary>
public static class LinuxHardwareBuilderExtensions
{
    /// <summary>
    /// Looks at the board now (device tree, cpufreq, CPU hotplug, devfreq, nvpmodel, USB port power; nothing is
    /// written) and registers one hardware knob for every interface found. At start (or when the knobs are first
    /// resolved) one log line names what was found and what was not; on a machine with none of these interfaces no
    /// hardware knob is registered and the line says so. Every knob restores the state it found when the host stops
    /// and when the container is disposed.
    /// </summary>
    /// <exception cref="OptionsValidationException">The options are invalid.</exception>
    /// <exception cref="InvalidOperationException">Called twice on the same services.</exception>
    public static IDynaSplitBuilder AddLinuxHardware(this IDynaSplitBuilder builder, Action<LinuxHardwareOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        if (services.Any(d => d.ServiceType == typeof(LinuxHardwareInventory)))
        {
            throw new InvalidOperationException("AddLinuxHardware was called twice; call it once, with every option in one configure delegate.");
        }

        var options = new LinuxHardwareOptions();
        configure?.Invoke(options);
        var inventory = LinuxHardwareDiscovery.Discover(options);

        var optionsBuilder = services.AddOptions<LinuxHardwareOptions>();
        if (configure is not null)
        {
            optionsBuilder.Configure(configure);
        }

        optionsBuilder.ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<LinuxHardwareOptions>, LinuxHardwareOptionsValidator>());
        services.AddSingleton(sp =>
        {
            inventory.Announce(sp.GetService<ILoggerFactory>());
            return inventory;
        });
        for (var i = 0; i < inventory.Knobs.Count; i++)
        {
            var index = i;
            builder.AddHardwareKnob(sp => sp.GetRequiredService<LinuxHardwareInventory>().Knobs[index]);
        }

        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, LinuxHardwareLifetime>());
        return builder;
    }
}
