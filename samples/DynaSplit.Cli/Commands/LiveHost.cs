using System.CommandLine;
using System.Globalization;
using DynaSplit.DependencyInjection;
using DynaSplit.Energy;
using DynaSplit.Execution;
using DynaSplit.Hardware;
using DynaSplit.Hardware.Linux.Discovery;
using DynaSplit.Planning;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace DynaSplit.Cli.Commands;

/// <summary>
/// The live system of `optimize` and `run`, composed through DI: the ONNX Runtime stages of the model on this
/// machine, the Linux board's knobs (none on a machine that is not a recognised Raspberry Pi or Jetson), the energy
/// meters found (INA sensors, RAPL) or else the CPU-time estimate (labelled estimated), and with <c>--cloud URL</c> the
/// tail's tier reached over the Open Inference Protocol (a <c>dynasplit serve</c> server; no fallback, so a trial or
/// request never silently runs the tail here instead). The host's start validates
/// every option; its stop restores every knob it touched.
/// </summary>
internal sealed class LiveHost : IAsyncDisposable
{
    private readonly IHost _host;

    private LiveHost(IHost host, LiveOptions options)
    {
        _host = host;
        Options = options;
    }

    public LiveOptions Options { get; }

    public IServiceProvider Services => _host.Services;

    /// <summary>The model's split points (planned when first asked), with the model's fingerprint: the study's context and the table's binding.</summary>
    public SplitPlan Plan => Services.GetRequiredService<SplitPlan>();

    /// <summary>The host's one knob controller (the board's knobs, discovered when first asked).</summary>
    public KnobController Knobs => Services.GetRequiredService<KnobController>();

    /// <summary>One line on the knobs: found, or why none.</summary>
    public string DescribeKnobs()
    {
        if (!Options.UseKnobs)
        {
            return "knobs: none (--no-knobs): only the split point is searched, no hardware setting is changed";
        }

        var inventory = Services.GetService<LinuxHardwareInventory>();
        var knobs = Knobs.Knobs.Keys.ToList();
        if (knobs.Count > 0)
        {
            return $"knobs: {string.Join(", ", knobs)} (restored when the command ends)";
        }

        return inventory is null
            ? "knobs: none"
            : $"knobs: none recognised ({string.Join("; ", inventory.NotFound)})";
    }

    /// <summary>The meters that measure here, summed; else the labelled estimate (the testbed's own choice).</summary>
    public IEnergyMeter Meter() => EnergyMeterSelection.ChooseLocal(Services.GetServices<IEnergyMeter>());

    /// <summary>Whether <paramref name="meter"/>'s readings are estimated rather than measured.</summary>
    public static bool IsEstimated(IEnergyMeter meter) => meter.Kind == EnergyReadingKind.Estimated;

    /// <summary>One line on the meter: measured, or the labelled estimate and its model.</summary>
    public string DescribeMeter(IEnergyMeter meter) => IsEstimated(meter)
        ? string.Create(CultureInfo.InvariantCulture, $"energy: ESTIMATED from this process's CPU time ({Options.IdleWatts:G4} W idle + {Options.ActiveWatts:G4} W with every core busy; set --idle-watts/--active-watts from a wall meter); no INA sensor or RAPL counter measures here")
        : $"energy: measured by {meter.Name}";

    /// <summary>
    /// Runs one unmeasured inference of each of <paramref name="configurations"/> along its placement (stages here on the
    /// stage runner, remote ones over their transport), without touching the knobs, so the first request of each does
    /// not pay for creating sessions, first-run allocations or a new channel.
    /// </summary>
    /// <returns>How many configurations were warmed.</returns>
    public async Task<int> WarmAsync(IEnumerable<DynaSplit.Spaces.Configuration> configurations, CancellationToken cancellationToken)
    {
        var runner = Services.GetRequiredService<IStageRunner>();
        var tiers = Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<DynaSplitOptions>>().Value.Tiers.ToList();
        var remote = Services.GetServices<IStageTransport>().ToList();
        var pipeline = new PipelineExecutor(tiers.Select(tier => remote.FirstOrDefault(t => t.Tier == tier) ?? new InProcessStageTransport(tier, runner)));
        var inputs = Input(-1);
        var warmed = 0;
        foreach (var configuration in configurations)
        {
            var placement = DynaSplit.Topology.ConfigurationPlacement.Resolve(configuration, tiers);
            await pipeline.RunAsync(new PipelineRequest(placement, inputs, configuration), cancellationToken).ConfigureAwait(false);
            warmed++;
        }

        return warmed;
    }

    /// <summary>The i-th input of a trial or request: seeded random tensors of the model's input shapes.</summary>
    public IReadOnlyList<TensorData> Input(int seed) => DynaSplit.OnnxRuntime.Verification.OnnxInputGenerator.Create(Plan.Inputs, Options.Dimensions, seed);

    /// <summary>Builds and starts the host (options validated now).</summary>
    /// <param name="options">What to compose.</param>
    /// <param name="configure">More registrations on the DynaSplit builder (the trial store, the lookup table).</param>
    /// <param name="cancellationToken">Stops the start.</param>
    public static async Task<LiveHost> StartAsync(LiveOptions options, Action<IDynaSplitBuilder> configure, CancellationToken cancellationToken)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Logging.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace).SetMinimumLevel(LogLevel.Warning);
        // The knob summary is printed by the command; the log would repeat it.
        builder.Logging.AddFilter("DynaSplit.Hardware.Linux", LogLevel.Error);
        // Meters that cannot measure here say so in a warning each; the command prints the one meter used instead.
        builder.Logging.AddFilter("DynaSplit.Energy", LogLevel.Error);
        var dynasplit = builder.Services.AddDynaSplit()
            .UseOnnxRuntimeStages(o =>
            {
                o.ModelPath = options.ModelPath;
                foreach (var (name, value) in options.Dimensions)
                {
                    o.Dimensions[name] = value;
                }
            })
            .AddInaHwmonMeter()
            .AddRaplMeter()
            .AddEstimatedEnergyMeter(o =>
            {
                o.IdleWatts = options.IdleWatts;
                o.ActiveWatts = options.ActiveWatts;
            });
        if (options.UseKnobs)
        {
            dynasplit.AddLinuxHardware();
        }

        if (options.Cloud is { } cloud)
        {
            dynasplit.AddOpenInferenceTransport(o =>
            {
                o.Endpoint = cloud;
                o.Model = options.CloudModel ?? Path.GetFileNameWithoutExtension(options.ModelPath);
                o.ApiKey = Environment.GetEnvironmentVariable("DYNASPLIT_API_KEY");
            });
        }

        configure(dynasplit);
        var host = builder.Build();
        try
        {
            await host.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            host.Dispose();
            throw;
        }

        return new LiveHost(host, options);
    }

    /// <summary>Stops the host: every knob it touched is restored (never cancelled).</summary>
    public async ValueTask DisposeAsync()
    {
        try
        {
            await _host.StopAsync(CancellationToken.None).ConfigureAwait(false);
        }
        finally
        {
            if (_host is IAsyncDisposable asyncDisposable)
            {
                await asyncDisposable.DisposeAsync().ConfigureAwait(false);
            }
            else
            {
                _host.Dispose();
            }
        }
    }

}

/// <summary>What <see cref="LiveHost"/> composes, from the command line.</summary>
internal sealed record LiveOptions(
    string ModelPath,
    IReadOnlyDictionary<string, long> Dimensions,
    bool UseKnobs,
    double IdleWatts,
    double ActiveWatts,
    Uri? Cloud,
    string? CloudModel)
{
    /// <summary>The options `optimize` and `run` share, and how to read them.</summary>
    public sealed class Set
    {
        public Argument<string> Model { get; } = OnnxCommandSupport.ModelArgument();

        public Option<string[]> Dims { get; } = OnnxCommandSupport.DimOption();

        public Option<bool> NoKnobs { get; } = new("--no-knobs") { Description = "Change no hardware setting even on a recognised board: search the split point only." };

        public Option<double> IdleWatts { get; } = new("--idle-watts") { HelpName = "W", Description = "Where no sensor measures: the machine's idle power for the CPU-time estimate, W.", DefaultValueFactory = _ => 2.7 };

        public Option<double> ActiveWatts { get; } = new("--active-watts") { HelpName = "W", Description = "Where no sensor measures: the extra power with every core busy, W.", DefaultValueFactory = _ => 3.7 };

        public Option<string?> Cloud { get; } = new("--cloud") { HelpName = "URL", Description = "Run the tail on a 'dynasplit serve' server at URL (its gRPC address, e.g. http://10.0.0.2:8001); default: in this process." };

        public Option<string?> CloudModel { get; } = new("--cloud-model") { HelpName = "NAME", Description = "The model's name on the server (default: the file name without extension, as 'serve' names it)." };

        public void AddTo(Command command)
        {
            command.Arguments.Add(Model);
            foreach (var option in new Option[] { Dims, NoKnobs, IdleWatts, ActiveWatts, Cloud, CloudModel })
            {
                command.Options.Add(option);
            }
        }

        public LiveOptions Read(ParseResult result)
        {
            var model = result.GetValue(Model)!;
            if (!File.Exists(model))
            {
                throw new FileNotFoundException($"MODEL '{model}' does not exist; give the path of an ONNX file.");
            }

            Uri? cloud = null;
            if (result.GetValue(Cloud) is { } url && (!Uri.TryCreate(url, UriKind.Absolute, out cloud) || cloud.Scheme is not ("http" or "https")))
            {
                throw new ArgumentException($"--cloud '{url}' is not an http(s) URL; give the server's gRPC address, for example http://127.0.0.1:8001.");
            }

            return new LiveOptions(
                Path.GetFullPath(model),
                OnnxCommandSupport.ParseDimensions(result.GetValue(Dims)),
                !result.GetValue(NoKnobs),
                result.GetValue(IdleWatts),
                result.GetValue(ActiveWatts),
                cloud,
                result.GetValue(CloudModel));
        }
    }
}
