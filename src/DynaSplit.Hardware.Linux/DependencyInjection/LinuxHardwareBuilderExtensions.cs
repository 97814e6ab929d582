using DynaSplit.Hardware;
using Microsoft.Extensions.Configuration;
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
    /// Registers the Linux board's hardware knobs. Nothing is looked at or written now: when the service provider first
    /// needs the knobs, the board is discovered (device tree, cpufreq, CPU hotplug, devfreq, nvpmodel, USB port power)
    /// with the options as configured then (delegates given here and options bound from configuration, for example
    /// <c>services.Configure&lt;LinuxHardwareOptions&gt;(configuration.GetSection("LinuxHardware"))</c>), one log line names
    /// what was found and what was not, and one knob is made for every interface found. On a machine that is not a
    /// recognised Raspberry Pi or Jetson no knob that changes hardware is made unless
    /// <see cref="LinuxHardwareOptions.EnableOnUnrecognisedBoard"/> is set. Every knob restores the state it found when the
    /// host stops and when the container is disposed. Safe to call more than once: each call adds its delegate.
    /// </summary>
    public static IDynaSplitBuilder AddLinuxHardware(this IDynaSplitBuilder builder, Action<LinuxHardwareOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        var optionsBuilder = services.AddOptions<LinuxHardwareOptions>();
        if (configure is not null)
        {
            optionsBuilder.Configure(configure);
        }

        optionsBuilder.ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<LinuxHardwareOptions>, LinuxHardwareOptionsValidator>());
        services.TryAddSingleton(sp => LinuxHardwareDiscovery.Discover(sp.GetRequiredService<IOptions<LinuxHardwareOptions>>().Value, sp.GetService<ILoggerFactory>()));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHardwareKnobSource, LinuxHardwareKnobSource>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, LinuxHardwareLifetime>());
        return builder;
    }

    /// <summary>Registers the Linux board's hardware knobs with options bound from a configuration section (see the other overload).</summary>
    public static IDynaSplitBuilder AddLinuxHardware(this IDynaSplitBuilder builder, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configuration);
        builder.Services.AddOptions<LinuxHardwareOptions>().Bind(configuration);
        return builder.AddLinuxHardware();
    }
}
