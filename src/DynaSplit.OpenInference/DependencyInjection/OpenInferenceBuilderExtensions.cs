using DynaSplit.Execution;
using DynaSplit.OpenInference.Transport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DynaSplit.DependencyInjection;

/// <summary>Adds a remote tier reached over the Open Inference Protocol to a DynaSplit host.</summary>
public static class OpenInferenceBuilderExtensions
{
    /// <summary>
    /// Registers an <see cref="IStageTransport"/> to the tier at <see cref="OpenInferenceTransportOptions.Endpoint"/>
    /// (its channel is created when the container first resolves it, not here). With <paramref name="fallbackTier"/>,
    /// stages the remote tier cannot run (unreachable, too slow, circuit open) run on the container's
    /// <see cref="IStageRunner"/> instead, which must then be registered. Options are validated when the host starts.
    /// Safe to call more than once: later calls only add configuration.
    /// </summary>
    public static IDynaSplitBuilder AddOpenInferenceTransport(this IDynaSplitBuilder builder, Action<OpenInferenceTransportOptions> configure, string? fallbackTier = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        var services = builder.Services;
        services.AddOptions<OpenInferenceTransportOptions>().Configure(configure).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<OpenInferenceTransportOptions>, OpenInferenceTransportOptionsValidator>());
        if (services.Any(d => d.ServiceType == typeof(OpenInferenceStageTransport)))
        {
            return builder;
        }

        services.AddSingleton(sp => new OpenInferenceStageTransport(
            sp.GetRequiredService<IOptions<OpenInferenceTransportOptions>>().Value,
            sp.GetService<ILogger<OpenInferenceStageTransport>>()));
        services.AddSingleton<IStageTransport>(sp => fallbackTier is null
            ? sp.GetRequiredService<OpenInferenceStageTransport>()
            : new FallbackStageTransport(
                sp.GetRequiredService<OpenInferenceStageTransport>(),
                sp.GetService<IStageRunner>() ?? throw new InvalidOperationException($"AddOpenInferenceTransport was asked to fall back to tier '{fallbackTier}', but no IStageRunner is registered to run stages there; register one (the ONNX Runtime stage runner) or pass no fallback tier."),
                fallbackTier,
                sp.GetService<ILogger<FallbackStageTransport>>()));
        return builder;
    }

    private sealed class OpenInferenceTransportOptionsValidator : IValidateOptions<OpenInferenceTransportOptions>
    {
        public ValidateOptionsResult Validate(string? name, OpenInferenceTransportOptions options)
        {
            try
            {
                OpenInferenceStageTransport.Validate(options);
                return ValidateOptionsResult.Success;
            }
            catch (ArgumentException ex)
            {
                return ValidateOptionsResult.Fail(ex.Message);
            }
        }
    }
}
