using System.Diagnostics;
using DynaSplit.Execution;
using DynaSplit.Serving.Inference;
using DynaSplit.Topology;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DynaSplit.Serving.Models;

/// <summary>
/// Loads the model when the host starts (and warms the configured cuts), marks the server ready, and marks it draining
/// as soon as shutdown begins, so new requests are turned away while running ones finish within the host's shutdown
/// timeout.
/// </summary>
internal sealed partial class ServingStartup : IHostedService
{
    private readonly ServedModelHost _host;
    private readonly ServingState _state;
    private readonly ServingOptions _options;
    private readonly IHostApplicationLifetime _lifetime;
    private readonly ILogger _logger;
    private CancellationTokenRegistration _stopping;

    public ServingStartup(ServedModelHost host, ServingState state, IOptions<ServingOptions> options, IHostApplicationLifetime lifetime, ILogger<ServingStartup> logger)
    {
        _host = host;
        _state = state;
        _options = options.Value;
        _lifetime = lifetime;
        _logger = logger;
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        _host.Load();
        foreach (var cut in _options.WarmCuts)
        {
            var stage = _host.Catalog.Stages.FirstOrDefault(s => s.FromCut == cut)
                ?? throw new InvalidOperationException($"WarmCuts names cut {cut}, which is not served ({_host.Catalog.Describe()}).");
            var start = Stopwatch.GetTimestamp();
            var inputs = DynaSplit.OnnxRuntime.Verification.OnnxInputGenerator.Create(stage.Inputs, _options.Dimensions.AsReadOnly(), seed: 0);
            await _host.Runner.RunAsync(new StageRequest(new PlacementStage(1, TierNames.Cloud, stage.FromCut, stage.ToCut), inputs, new StageSettings { ExecutionProvider = _options.DefaultExecutionProvider, Threads = _options.DefaultThreads }), cancellationToken).ConfigureAwait(false);
            LogWarmed(_logger, stage.Name, Stopwatch.GetElapsedTime(start).TotalMilliseconds);
        }

        _stopping = _lifetime.ApplicationStopping.Register(() =>
        {
            _state.MarkDraining();
            LogDraining(_logger);
        });
        _state.MarkReady();
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        _state.MarkDraining();
        _stopping.Dispose();
        return Task.CompletedTask;
    }

    [LoggerMessage(EventId = 3220, Level = LogLevel.Information, Message = "Warmed {Model} in {Ms:0.#} ms")]
    private static partial void LogWarmed(ILogger logger, string model, double ms);

    [LoggerMessage(EventId = 3221, Level = LogLevel.Information, Message = "Shutting down: draining; new requests get UNAVAILABLE")]
    private static partial void LogDraining(ILogger logger);
}
