using DynaSplit.DependencyInjection;
using DynaSplit.EdgeHost;
using DynaSplit.Energy;
using DynaSplit.Execution;
using DynaSplit.Hardware;
using DynaSplit.Online;
using DynaSplit.OnnxRuntime.Verification;
using DynaSplit.Optimization;
using DynaSplit.Planning;
using DynaSplit.Scheduling;
using DynaSplit.Spaces;
using DynaSplit.Testbed;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

// A DynaSplit host for an edge board: both phases on this machine, composed through DI.
//   dotnet run --project samples/DynaSplit.EdgeHost -- --EdgeHost:Model=path/to/model.onnx
// Knobs are whatever the board offers (cpufreq, devfreq, nvpmodel, USB accelerator power; ONNX Runtime threads),
// energy comes from INA sensors or RAPL where present, otherwise from the CPU-utilisation power model (labelled
// estimated). The offline phase measures a budgeted share of split points x knobs, the online phase serves requests.
var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = args, ContentRootPath = AppContext.BaseDirectory });
var edge = builder.Configuration.GetSection("EdgeHost").Get<EdgeHostOptions>() ?? new EdgeHostOptions();
if (string.IsNullOrWhiteSpace(edge.Model) || !File.Exists(edge.Model))
{
    Console.Error.WriteLine($"error: no model at '{Path.GetFullPath(edge.Model)}'. Pass one: --EdgeHost:Model=path/to/model.onnx");
    return 2;
}

builder.Services.AddDynaSplit(builder.Configuration.GetSection("DynaSplit"))
    // Trials on hardware take seconds to minutes; the surrogate's pre-selection costs about 3 ms per trial over a
    // 184-trial study and up to about 60 ms per proposal once it models its limit of 400 results (2-core VM).
    .AddNsga3(o => o.PreSelectionCandidates = 16)
    .AddOnnxRuntimeExecutor(o =>
    {
        o.ModelPath = edge.Model;
        o.Dimensions = edge.Dimensions;
    })
    .AddLinuxHardware()
    .AddInaHwmonMeter()
    .AddRaplMeter()
    .AddEstimatedEnergyMeter(o =>
    {
        o.IdleWatts = edge.EstimatedIdleWatts;
        o.ActiveWatts = edge.EstimatedActiveWatts;
    });

using var host = builder.Build();
await host.StartAsync(); // validates every option and starts the knob-restoring lifetime
var services = host.Services;
var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger("DynaSplit.EdgeHost");
var stopping = services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping;
try
{
    var plan = await services.GetRequiredService<ISplitPlanner>().PlanAsync(edge.Model, stopping);
    var knobs = services.GetRequiredService<KnobController>(); // one owner of the board's state, shared by both phases
    var space = await SplitSpaceBuilder.CreateAsync(plan, knobs.Knobs.Values, cancellationToken: stopping);
    var meters = services.GetServices<IEnergyMeter>().ToList();
    var measured = meters.Where(m => m.Availability.IsAvailable && m.Name != "estimated").ToList();
    var meter = measured.Count > 0 ? new CompositeEnergyMeter("edge", measured) : meters.Single(m => m.Name == "estimated");
    logger.LogInformation("Space: {Space} ({Valid} configurations); energy from {Meter}", space, space.CountValid(), meter.Name);

    // Offline phase on this machine.
    var executor = services.GetRequiredService<ISplitExecutor>();
    IReadOnlyList<DynaSplit.Execution.TensorData> Inputs(int i) => OnnxInputGenerator.Create(plan.Inputs, edge.Dimensions, seed: i);
    var offlineOptions = services.GetRequiredService<IOptions<DynaSplitOptions>>().Value.Offline;
    offlineOptions.Objectives = DynaSplit.Objectives.WellKnownObjectives.LatencyEnergy;
    LookupTable table;
    await using (var testbed = new HardwareTestbed(space, knobs, executor, meter, Inputs,
        new HardwareTestbedOptions { WarmupInferences = edge.WarmupInferences, MeasuredInferences = edge.MeasuredInferences },
        services.GetService<ILogger<HardwareTestbed>>(),
        new TableBinding(plan.Fingerprint, plan.EdgeOnlyIndex, [DynaSplit.Topology.TierNames.Edge, DynaSplit.Topology.TierNames.Cloud])))
    {
        var offline = new OfflinePhase(testbed, services.GetRequiredService<IMultiObjectiveOptimizer>(), services.GetRequiredService<DynaSplit.Trials.ITrialStore>(),
            services.GetService<ILogger<OfflinePhase>>());
        var result = await offline.RunAsync(offlineOptions, stopping);
        table = result.Table;
        await LookupTableJson.SaveAsync(table, edge.TableOut, stopping);
        Console.WriteLine($"offline: {result.Measured} configurations measured, {table.Entries.Count} in the lookup table ({Path.GetFullPath(edge.TableOut)})");
        foreach (var entry in new DynaSplitScheduler(table).Ordered)
        {
            Console.WriteLine($"  {entry}");
        }
    }

    // Online phase: thresholds from 10% below the fastest entry to 50% above the slowest.
    var scheduler = new DynaSplitScheduler(table);
    var fastest = table.Entries.Min(e => e.LatencyMs) * 0.9;
    var slowest = table.Entries.Max(e => e.LatencyMs) * 1.5;
    await using var runtime = new DynaSplitRuntime(scheduler, executor, knobs, services.GetService<DynaSplit.Diagnostics.DynaSplitMetrics>());
    var met = 0;
    for (var i = 0; i < edge.Requests; i++)
    {
        var threshold = fastest + ((slowest - fastest) * i / Math.Max(1, edge.Requests - 1));
        var answer = await runtime.RunAsync(new InferenceRequest(threshold), Inputs(i), stopping);
        met += answer.MetThreshold ? 1 : 0;
        Console.WriteLine($"request {i,3}: threshold {threshold,8:F2} ms -> {answer.Configuration.Key,-40} {answer.LatencyMs,8:F2} ms {(answer.MetThreshold ? "met" : "missed")}");
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
