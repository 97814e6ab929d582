// A fresh host application built only from the packed DynaSplit packages (CI: .ci/consume-packages). It is the
// README's "Use it in a host" snippet made whole: offline phase on a replay of a measurement pool, the lookup
// table saved, then the online scheduler over that table, its health checks, and (given a model) a split
// checked with the ONNX Runtime native package this project chose. When the host API changes, change this file
// and the README's snippet together. Usage: Consumer POOL_CSV [MODEL_ONNX]
using DynaSplit.DependencyInjection;
using DynaSplit.OnnxRuntime.Planning;
using DynaSplit.OnnxRuntime.Verification;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using DynaSplit.Optimization;
using DynaSplit.Scheduling;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

var pool = args.Length > 0 ? args[0] : "pool.csv";
var tablePath = Path.Combine(Path.GetTempPath(), $"dynasplit-consumer-{Environment.ProcessId}.json");
using var cancellation = new CancellationTokenSource(TimeSpan.FromMinutes(5));
var cancellationToken = cancellation.Token;
try
{
    // Offline phase: measure a budgeted share of the space and keep the Pareto set as a lookup table.
    var offlineServices = new ServiceCollection();
    offlineServices.AddDynaSplit(o => o.Offline.BudgetFraction = 0.2)
        .UseNsga3()
        .UseReplayTestbed(pool);
    await using (var provider = offlineServices.BuildServiceProvider())
    {
        var options = provider.GetRequiredService<IOptions<DynaSplitOptions>>().Value;
        var result = await provider.GetRequiredService<OfflinePhase>().RunAsync(options.Offline, cancellationToken);
        await LookupTableJson.SaveAsync(result.Table, tablePath, cancellationToken);
        Console.WriteLine($"offline: {result.Budget} configurations measured, {result.Table.Entries.Count} in the lookup table");
    }

    // Online phase: the scheduler over the table picks, per request, the cheapest configuration that meets its threshold.
    var onlineServices = new ServiceCollection();
    onlineServices.AddLogging();
    onlineServices.AddDynaSplit(o => o.LookupTablePath = tablePath);
    onlineServices.AddHealthChecks().AddDynaSplitLookupTableCheck();
    await using (var provider = onlineServices.BuildServiceProvider())
    {
        var scheduler = provider.GetRequiredService<IScheduler>();
        foreach (var thresholdMs in new[] { 100.0, 250.0, 500.0, 5000.0 })
        {
            Console.WriteLine($"threshold {thresholdMs} ms: {scheduler.Select(new InferenceRequest(thresholdMs)).Key}");
        }

        var health = await provider.GetRequiredService<HealthCheckService>().CheckHealthAsync(cancellationToken);
        Console.WriteLine($"health: {health.Status} ({string.Join("; ", health.Entries.Select(e => $"{e.Key}: {e.Value.Description}"))})");
        // Degraded is expected here: the replayed pool's hardware settings have no knobs on this machine (the check says so).
        if (health.Status == HealthStatus.Unhealthy)
        {
            return 1;
        }
    }

    // ONNX Runtime from the native package this project references: split the model in the middle and check that
    // head then tail computes what the whole model computes.
    if (args.Length > 1)
    {
        var model = OnnxSplitModel.Load(args[1]);
        var middle = model.Plan.SplitPoints[model.Plan.SplitPoints.Count / 2].Index;
        var report = OnnxSplitVerifier.Verify(model, new OnnxVerificationOptions { Indices = [middle] }, cancellationToken);
        var point = report.SplitPoints.Single();
        Console.WriteLine($"onnx: {Path.GetFileName(args[1])} has {model.Plan.SplitPoints.Count} split points; split at {point.Index}: max |split - whole| = {point.MaxAbsDiff:G3}, {(point.Ok ? "ok" : "MISMATCH")}");
        if (!report.Ok)
        {
            return 1;
        }
    }

    return 0;
}
finally
{
    File.Delete(tablePath);
}
