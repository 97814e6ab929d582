using DynaSplit.Serving;
using DynaSplit.Serving.Grpc;
using DynaSplit.Serving.Inference;
using DynaSplit.Serving.Models;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers DynaSplit's cloud tier in an ASP.NET Core host.</summary>
public static class ServingServiceCollectionExtensions
{
    /// <summary>
    /// Registers the cloud tier: the served model (loaded when the host starts, not here), the inference handler,
    /// the gRPC services with the message-size limit and the API-key check, and the start-up and drain logic. Options
    /// are validated when the host starts. An <see cref="DynaSplit.Execution.IStageRunner"/> registered by the caller
    /// runs the stages; without one, ONNX Runtime sessions over the model's tails do. An
    /// <see cref="DynaSplit.Energy.IEnergyMeter"/> registered by the caller (NVML, RAPL, the estimate) measures the
    /// energy each response reports. Safe to call more than once: later calls only add configuration.
    /// </summary>
    public static IServiceCollection AddDynaSplitServing(this IServiceCollection services, Action<ServingOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        services.AddOptions<ServingOptions>().Configure(configure).ValidateOnStart();
        if (services.Any(d => d.ServiceType == typeof(ServedModelHost)))
        {
            return services;
        }

        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ServingOptions>, ServingOptionsValidator>());
        services.TryAddSingleton<ServingState>();
        services.TryAddSingleton<ServedModelHost>();
        services.TryAddSingleton<OpenInferenceHandler>();
        services.AddHostedService<ServingStartup>();
        services.AddSingleton<ApiKeyInterceptor>();
        services.AddGrpc(grpc => grpc.Interceptors.Add<ApiKeyInterceptor>());
        services.AddOptions<global::Grpc.AspNetCore.Server.GrpcServiceOptions>().Configure<IOptions<ServingOptions>>((grpc, serving) =>
        {
            grpc.MaxReceiveMessageSize = serving.Value.MaxMessageBytes;
            grpc.MaxSendMessageSize = serving.Value.MaxMessageBytes;
            grpc.EnableDetailedErrors = false;
        });
        services.AddOptions<KestrelServerOptions>().Configure<IOptions<ServingOptions>>((kestrel, serving) =>
        {
            // Before the validator runs (it runs at start): keep Kestrel's own defaults for a value it would refuse.
            if (serving.Value.Http2WindowBytes >= 65_535)
            {
                kestrel.Limits.Http2.InitialConnectionWindowSize = serving.Value.Http2WindowBytes;
                kestrel.Limits.Http2.InitialStreamWindowSize = serving.Value.Http2WindowBytes;
            }
        });
        return services;
    }
}
