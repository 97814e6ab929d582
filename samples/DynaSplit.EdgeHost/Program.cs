using DynaSplit.DependencyInjection;
using DynaSplit.EdgeHost;
using DynaSplit.Execution;
using DynaSplit.Online;
using DynaSplit.OnnxRuntime.Execution;
using DynaSplit.OnnxRuntime.Verification;
using DynaSplit.Optimization;
using DynaSplit.Planning;
using DynaSplit.Scheduling;
using DynaSplit.Spaces;
using DynaSplit.Topology;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

// A DynaSplit host for an edge board: both phases, composed through DI.
//   dotnet run --project samples/DynaSplit.EdgeHost -- --EdgeHost:Model=path/to/model.onnx [--Cloud:Endpoint=http://gpu-node:8001]
//     [--EdgeHost:Scheduler=predictive]
// Knobs are whatever the board offers (cpufreq, devfreq, nvpmodel, USB accelerator power; ONNX Runtime threads),
// energy comes from INA sensors or RAPL where present, otherwise from the CPU-utilisation power model (labelled
// estimated). With Cloud:Endpoint the tail runs on that server (`dynasplit serve MODEL`, Triton or KServe), which
// reports its own energy per request; without it, in this process. The offline phase measures a budgeted share of
// split points x knobs through the same pipeline the online phase then serves requests with.
var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = args, ContentRootPath = AppContext.BaseDirectory });
var edge = builder.Configuration.GetSection("EdgeHost").Get<EdgeHostOptions>() ?? new EdgeHostOptions();
var cloud = builder.Configuration.GetSection("Cloud").Get<CloudOptions>() ?? new CloudOptions();
if (string.IsNullOrWhiteSpace(edge.Model) || !File.Exists(edge.Model))
{
    Console.Error.WriteLine($"error: no model at '{Path.GetFullPath(edge.Model)}'. Pass one: --EdgeHost:Model=path/to/model.onnx");
    return 2;
}

if (edge.Scheduler is not ("dynasplit" or "predictive"))
{
    Console.Error.WriteLine($"error: EdgeHost:Scheduler is '{edge.Scheduler}'; use dynasplit (the published rule) or predictive (link-aware).");
    return 2;
}

var remote = !string.IsNullOrWhiteSpace(cloud.Endpoint);
var dynaSplit = builder.Services.AddDynaSplit(builder.Configuration.GetSection("DynaSplit"))
    // The budget-aware NSGA-III: trials on hardware take seconds to minutes, its surrogate about 40 ms per proposal
    // after 1,000 measured configurations (docs/optimization.md).
    .UseNsga3()
    .UseOnnxRuntimeStages(o =>
    {
        o.ModelPath = edge.Model;
        o.Dimensions = edge.Dimensions;
    })
    .UseOnnxRuntimeTestbed(
        o =>
        {
            o.WarmupInferences = edge.WarmupInferences;
            o.MeasuredInferences = edge.MeasuredInferences;
            o.StreamedLanes = edge.StreamedLanes;
        },
        _ => CloudParameters(cloud, remote))
    // The online phase serves with the table the offline phase has just written.
    .UseLookupTable(_ => LookupTableJson.Load(edge.TableOut))
    .AddLinuxHardware()
    .AddInaHwmonMeter()
    .AddRaplMeter()
    .AddEstimatedEnergyMeter(o =>
    {
        o.IdleWatts = edge.EstimatedIdleWatts;
        o.ActiveWatts = edge.EstimatedActiveWatts;
    });
if (remote)
{
    dynaSplit.AddOpenInferenceTransport(
        o =>
        {
            o.Endpoint = new Uri(cloud.Endpoint);
            o.Model = string.IsNullOrWhiteSpace(cloud.Model) ? Path.GetFileNameWithoutExtension(edge.Model) : cloud.Model;
            o.ApiKey = cloud.ApiKey;
        },
        fallbackTier: TierNames.Edge);
}

if (edge.Scheduler == "predictive")
{
    // Predicts each entry's latency at the link the runtime learns from its own transfers (docs/scheduling.md).
    dynaSplit.UsePredictiveScheduler();
}

using var host = builder.Build();
await host.StartAsync(); // validates every option and starts the knob-restoring lifetime
var services = host.Services;
var stopping = services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping;
try
{
    var plan = services.GetRequiredService<SplitPlan>();
    IReadOnlyList<TensorData> Inputs(int i) => OnnxInputGenerator.Create(plan.Inputs, edge.Dimensions, seed: i);

    // Offline phase: the testbed, knobs, meter and pipeline all come from the container.
    var offline = services.GetRequiredService<OfflinePhase>();
    var result = await offline.RunAsync(services.GetRequiredService<IOptions<DynaSplitOptions>>().Value.Offline, stopping);
    await LookupTableJson.SaveAsync(result.Table, edge.TableOut, stopping);
    Console.WriteLine($"offline: {result.Measured} configurations measured on {string.Join(" + ", result.Table.Binding.Tiers)}, {result.Table.Entries.Count} in the lookup table ({Path.GetFullPath(edge.TableOut)})");
    foreach (var entry in new DynaSplitScheduler(result.Table).Ordered)
    {
        Console.WriteLine($"  {entry}");
    }

    // Online phase: thresholds from 10% below the fastest entry to 50% above the slowest.
    var runtime = services.GetRequiredService<DynaSplitRuntime>();
    var fastest = result.Table.Entries.Min(e => e.LatencyMs) * 0.9;
    var slowest = result.Table.Entries.Max(e => e.LatencyMs) * 1.5;
    var met = 0;
    for (var i = 0; i < edge.Requests; i++)
    {
        var threshold = fastest + ((slowest - fastest) * i / Math.Max(1, edge.Requests - 1));
        var answer = await runtime.RunAsync(new InferenceRequest(threshold), Inputs(i), stopping);
        met += answer.MetThreshold ? 1 : 0;
        var link = runtime.Link is { } estimate ? $"  link {estimate.BandwidthBitsPerSecond / 1e6:F1} Mbit/s" : string.Empty;
        Console.WriteLine($"request {i,3}: threshold {threshold,8:F2} ms -> {answer.Configuration.Key,-40} {answer.LatencyMs,8:F2} ms {(answer.MetThreshold ? "met" : "missed")}{link}");
    }

    Console.WriteLine($"online: {met} of {edge.Requests} requests within their threshold");
    return 0;
}
catch (Exception ex) when (ex is InvalidDataException or ArgumentException or IOException or InvalidOperationException)
{
    Console.Error.WriteLine($"error: {ex.Message}");
    return 2;
}
finally
{
    await host.StopAsync(CancellationToken.None); // restores every knob the host touched
}

// The cloud tier's choices, as parameters of the space: each a parameter only when there is more than one value.
static IEnumerable<Parameter> CloudParameters(CloudOptions cloud, bool remote)
{
    if (!remote)
    {
        yield break;
    }

    if (cloud.ExecutionProviders.Length > 1)
    {
        yield return OnnxRuntimeParameters.ExecutionProvider(TierNames.Cloud, cloud.ExecutionProviders, "cloud-provider");
    }

    if (cloud.Codecs.Length > 1)
    {
        yield return new CategoricalParameter("codec", cloud.Codecs) { Setting = SettingKind.TensorCodec, Tier = TierNames.Cloud };
    }
}
