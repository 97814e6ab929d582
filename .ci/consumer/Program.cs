// A fresh host application built only from the packed DynaSplit packages (CI: .ci/consume-packages). It is the
// README's "Use it in a host" snippet made whole: offline phase on a replay of a measurement pool, the lookup
// table saved, then the online scheduler over that table. When the host API changes, change this file and the
// README's snippet together.
using DynaSplit.DependencyInjection;
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
        .AddNsga3()
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
    onlineServices.AddDynaSplit(o => o.LookupTablePath = tablePath);
    await using (var provider = onlineServices.BuildServiceProvider())
    {
        var scheduler = provider.GetRequiredService<IScheduler>();
        foreach (var thresholdMs in new[] { 100.0, 250.0, 500.0, 5000.0 })
        {
            Console.WriteLine($"threshold {thresholdMs} ms: {scheduler.Select(new InferenceRequest(thresholdMs)).Key}");
        }
    }
}
finally
{
    File.Delete(tablePath);
}
