using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using DynaSplit.Scheduling;
using DynaSplit.Simulation.Comparison;
using DynaSplit.Simulation.Strategies;
using DynaSplit.Simulation.Workload;

namespace DynaSplit.Cli.Commands;

/// <summary>`simulate`: offline phase on a replay pool, then a request workload through every strategy.</summary>
internal static class SimulateCommand
{
    public static Command Create()
    {
        var pool = new Option<FileInfo?>("--pool") { Description = "Measurement pool CSV in the DynaSplit artifact's format (default: the embedded VGG16 pool)." };
        var qosMin = new Option<double>("--qos-min") { Description = "Smallest latency threshold, ms.", DefaultValueFactory = _ => EmbeddedPools.Vgg16QosMinMs };
        var qosMax = new Option<double>("--qos-max") { Description = "Largest latency threshold, ms.", DefaultValueFactory = _ => EmbeddedPools.Vgg16QosMaxMs };
        var qosTrace = new Option<FileInfo?>("--qos-trace") { Description = "CSV with one latency threshold (ms) per row, instead of the Weibull workload." };
        var requests = new Option<int>("--requests") { Description = "Number of requests of the Weibull workload.", DefaultValueFactory = _ => 10_000 };
        var budget = new Option<double>("--budget") { Description = "Offline budget as a share of the valid space, in (0, 1].", DefaultValueFactory = _ => 0.2 };
        var optimizer = new Option<string>("--optimizer") { Description = $"Offline optimizer: {string.Join(", ", OptimizerCatalog.Names)}.", DefaultValueFactory = _ => OptimizerCatalog.Default };
        var seeds = new Option<int>("--seeds") { Description = "Repeat the offline phase with this many seeds and average.", DefaultValueFactory = _ => 1 };
        var seed = new Option<int>("--seed") { Description = "Seed of the workload, the replay draws and the first offline phase.", DefaultValueFactory = _ => 0 };
        var strategies = new Option<string>("--strategies") { Description = $"Comma-separated strategies: {string.Join(",", Baselines.All)}.", DefaultValueFactory = _ => string.Join(",", Baselines.All) };
        var tableOut = new Option<FileInfo?>("--table-out") { Description = "Write the (first) offline phase's lookup table to this JSON file." };
        var json = new Option<bool>("--json") { Description = "Print the results as a JSON array." };
        var switchCost = new Option<double>("--switch-cost") { Description = "Time each change of hardware settings costs while serving, ms (the paper's testbed: 154 ms mean). 0 = free, as published.", DefaultValueFactory = _ => 0 };

        var command = new Command("simulate", "Run the offline phase on a recorded measurement pool, then replay a workload of requests through every strategy.");
        foreach (var option in new Option[] { pool, qosMin, qosMax, qosTrace, requests, budget, optimizer, seeds, seed, strategies, tableOut, json, switchCost })
        {
            command.Options.Add(option);
        }

        command.SetAction((result, cancellationToken) => CliOutput.GuardAsync(async () =>
        {
            var measurementPool = EmbeddedPools.Load(result.GetValue(pool)?.FullName);
            var workloadSeed = result.GetValue(seed);
            var trace = result.GetValue(qosTrace);
            var thresholds = trace is not null
                ? QosWorkload.ReadCsv(trace.FullName)
                : QosWorkload.Weibull(Positive(result.GetValue(requests), "--requests"), result.GetValue(qosMin), result.GetValue(qosMax), workloadSeed);
            var optimizerName = result.GetValue(optimizer)!;
            OptimizerCatalog.Create(optimizerName); // fail early on an unknown name
            var settings = new ComparisonSettings
            {
                ThresholdsMs = thresholds,
                BudgetFraction = result.GetValue(budget),
                Seeds = Positive(result.GetValue(seeds), "--seeds"),
                Seed = workloadSeed,
                Strategies = result.GetValue(strategies)!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
                SwitchCostMs = result.GetValue(switchCost),
            };
            if (!(settings.SwitchCostMs >= 0 && double.IsFinite(settings.SwitchCostMs)))
            {
                throw new ArgumentException($"--switch-cost {settings.SwitchCostMs} must be a finite number of ms, 0 or more.");
            }
            if (!(settings.BudgetFraction > 0 && settings.BudgetFraction <= 1))
            {
                throw new ArgumentException($"--budget {settings.BudgetFraction} is not in (0, 1]; for example 0.2 measures 20% of the valid space.");
            }

            var comparison = await StrategyComparison.RunAsync(measurementPool, () => OptimizerCatalog.Create(optimizerName), settings, null, cancellationToken).ConfigureAwait(false);
            if (result.GetValue(tableOut) is { } tablePath)
            {
                await LookupTableJson.SaveAsync(comparison.OfflineRuns[0].Table, tablePath.FullName, cancellationToken).ConfigureAwait(false);
            }

            if (result.GetValue(json))
            {
                Console.WriteLine(JsonSerializer.Serialize(
                    comparison.Outcomes.Select(o => new { strategy = o.Strategy, meanLatencyMs = o.MeanLatencyMs, meanEnergyJ = o.MeanEnergyJ, qosMet = o.QosMet, energySavedVsCloud = o.EnergySavedVsCloud, switches = o.Switches }),
                    CliOutput.Json));
                return 0;
            }

            var first = comparison.OfflineRuns[0];
            Console.WriteLine($"pool: {measurementPool.Source} ({measurementPool.RowCount} runs of {measurementPool.Configurations.Count} configurations)");
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"offline: {optimizerName}, budget {settings.BudgetFraction:P0} = {first.Budget} configurations, {settings.Seeds} seed(s); Pareto set {first.ParetoSet.Count} entries (seed {settings.Seed})"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"workload: {thresholds.Length} requests, thresholds {thresholds.Min():F1}..{thresholds.Max():F1} ms{(trace is null ? " (Weibull shape 1, rescaled)" : $" from {trace.Name}")}"));
            var charged = settings.SwitchCostMs > 0;
            if (charged)
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"reconfiguration: {settings.SwitchCostMs:F1} ms per change of hardware settings, added to the request's latency (no energy charged)"));
            }

            Console.WriteLine();
            Console.WriteLine($"{"strategy",-22} {"latency ms",11} {"energy J",10} {"QoS met",8} {"saved vs cloud",15}" + (charged ? $" {"switches",9}" : string.Empty));
            foreach (var o in comparison.Outcomes)
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{o.Strategy,-22} {o.MeanLatencyMs,11:F1} {o.MeanEnergyJ,10:F3} {o.QosMet,8:P1} {o.EnergySavedVsCloud,15:P1}") + (charged ? string.Create(CultureInfo.InvariantCulture, $" {o.Switches,9:F0}") : string.Empty));
            }

            return 0;
        }));
        return command;
    }

    private static int Positive(int value, string option) =>
        value >= 1 ? value : throw new ArgumentException($"{option} must be at least 1; got {value}.");
}
