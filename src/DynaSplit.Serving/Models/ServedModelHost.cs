using DynaSplit.Execution;
using DynaSplit.OnnxRuntime.Planning;
using DynaSplit.OnnxRuntime.Execution;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DynaSplit.Serving.Models;

/// <summary>
/// Loads the served model once, when the server starts (not at registration), and holds its catalog and the stage
/// runner: the one registered as <see cref="IStageRunner"/>, else the ONNX Runtime stage runner
/// (<see cref="OnnxStageRunner"/>) over the model, keeping the <see cref="ServingOptions.SessionCacheCapacity"/> most
/// recently used tail sessions.
/// </summary>
public sealed partial class ServedModelHost : IDisposable
{
    private readonly IServiceProvider _services;
    private readonly ServingOptions _options;
    private readonly ILogger _logger;
    private readonly Lock _lock = new();
    private ServedModelCatalog? _catalog;
    private IStageRunner? _runner;
    private IDisposable? _ownedRunner;

    /// <summary>Creates the host (the DI container does).</summary>
    public ServedModelHost(IServiceProvider services, IOptions<ServingOptions> options, ILogger<ServedModelHost> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _services = services;
        _options = options.Value;
        _logger = logger;
    }

    /// <summary>The served models.</summary>
    /// <exception cref="InvalidOperationException">The model is not loaded yet.</exception>
    public ServedModelCatalog Catalog => _catalog ?? throw new InvalidOperationException("The served model is not loaded yet; the server loads it when it starts.");

    /// <summary>The runner of the served stages.</summary>
    public IStageRunner Runner => _runner ?? throw new InvalidOperationException("The served model is not loaded yet; the server loads it when it starts.");

    /// <summary>Loads the model and plans its cuts (idempotent).</summary>
    /// <exception cref="FileNotFoundException">The model file does not exist.</exception>
    /// <exception cref="InvalidDataException">The file is not a valid ONNX model.</exception>
    public void Load()
    {
        lock (_lock)
        {
            if (_catalog is not null)
            {
                return;
            }

            var model = OnnxSplitModel.Load(_options.ModelPath, new OnnxSplitPlannerOptions { Dimensions = new Dictionary<string, long>(_options.Dimensions, StringComparer.Ordinal) }, _logger);
            var name = string.IsNullOrEmpty(_options.ModelName) ? Path.GetFileNameWithoutExtension(_options.ModelPath) : _options.ModelName;
            var catalog = new ServedModelCatalog(model, name);
            var runner = _services.GetService<IStageRunner>();
            if (runner is null)
            {
                var onnx = new OnnxStageRunner(
                    model,
                    new OnnxRuntimeOptions
                    {
                        ExecutionProvider = _options.DefaultExecutionProvider is { Length: > 0 } provider ? OnnxRuntimeSessionSettings.NormalizeProvider(provider) : OnnxRuntimeSessionSettings.CpuProvider,
                        IntraOpThreads = _options.DefaultThreads ?? 0,
                        SessionCacheCapacity = _options.SessionCacheCapacity,
                    },
                    _services.GetService<ILogger<OnnxStageRunner>>());
                _ownedRunner = onnx;
                runner = onnx;
            }

            _runner = runner;
            _catalog = catalog;
            LogLoaded(_logger, name, catalog.Stages.Count, _options.ModelPath);
        }
    }

    /// <inheritdoc />
    public void Dispose() => _ownedRunner?.Dispose();

    [LoggerMessage(EventId = 3210, Level = LogLevel.Information, Message = "Serving {Model}: {Count} stages from {Path}")]
    private static partial void LogLoaded(ILogger logger, string model, int count, string path);
}
