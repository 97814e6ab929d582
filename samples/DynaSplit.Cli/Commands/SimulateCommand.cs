using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using DynaSplit.Cli.Plotting;
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
        var pool = new Option<FileInfo?>("--pool") { HelpName = "FILE", Description = "Measurement pool CSV in the DynaSplit artifact's format (default: the embedded VGG16 pool)." };
        var qosMin = new Option<double>("--qos-min") { HelpName = "MS", Description = "Smallest latency threshold, ms.", DefaultValueFactory = _ => EmbeddedPools.Vgg16QosMinMs };
        var qosMax = new Option<double>("--qos-max") { HelpName = "MS", Description = "Largest latency threshold, ms.", DefaultValueFactory = _ => EmbeddedPools.Vgg16QosMaxMs };
        var qosTrace = new Option<FileInfo?>("--qos-trace") { HelpName = "FILE", Description = "CSV with one latency threshold (ms) per row, instead of the Weibull workload." };
        var requests = new Option<int>("--requests") { HelpName = "N", Description = "Number of requests of the Weibull workload.", DefaultValueFactory = _ => 10_000 };
        var budget = BudgetOption.Create();
        var optimizer = new Option<string>("--optimizer") { HelpName = "NAME", Description = $"Offline optimizer: {string.Join(", ", OptimizerCatalog.Names)}.", DefaultValueFactory = _ => OptimizerCatalog.Default };
        var seeds = new Option<int>("--seeds") { HelpName = "K", Description = "Repeat the offline phase with this many seeds and average.", DefaultValueFactory = _ => 1 };
        var seed = new Option<int>("--seed") { HelpName = "S", Description = "Seed of the workload, the replay draws and the first offline phase.", DefaultValueFactory = _ => 0 };
        var strategies = new Option<string?>("--strategies") { HelpName = "LIST", Description = $"Comma-separated strategies: {string.Join(",", Baselines.All)}. Default: the paper's six, plus predictive when --switch-cost or --bandwidth-trace is given." };
        var tableOut = new Option<FileInfo?>("--table-out") { HelpName = "FILE", Description = "Write the (first) offline phase's lookup table to this JSON file (checked before the run)." };
        var plot = new Option<FileInfo?>("--plot") { HelpName = "FILE", Description = "Draw the found Pareto front against the exhaustive one, and the strategies' energy and QoS share, to FILE (.png or .svg)." };
        var json = new Option<bool>("--json") { Description = "Print the run's parameters and results as JSON (nothing else on stdout)." };
        var switchCostFile = new Option<FileInfo?>("--switch-cost-file") { HelpName = "FILE", Description = "Switch costs per knob and transition: CSV 'knob,from,to,ms' (* for any; knob @switch: once per reconfiguration) or a JSON array of {knob, from, to, ms}. Replaces --switch-cost. Example: docs/switch-costs/splinter-vgg16.csv." };
        var switchCost = new Option<double>("--switch-cost") { HelpName = "MS", Description = "Time each change of hardware settings costs while serving, ms (the paper's testbed: 154 ms mean). 0 = free, as published.", DefaultValueFactory = _ => 0 };

        var bandwidthTrace = new Option<FileInfo?>("--bandwidth-trace") { HelpName = "FILE", Description = "CSV of 'time in seconds, Mbit/s' rows: the link's rate over the simulated time (VGG16 pool); transfers are rescaled to it and the predictive strategy learns it." };
        var keepForLinks = new Option<string?>("--keep-for-links") { HelpName = "LIST", Description = "Give the predictive strategy a table that also keeps the measured configurations Pareto-optimal on these slower links: fractions of the recorded rate (0.1,0.01 or 1/10) or Mbit/s (5.883M). Needs --bandwidth-trace or --arrival-rate. Default: the offline phase's table, as published." };
        var probeInterval = new Option<double?>("--probe-interval") { HelpName = "S", Description = "Idle probing in the replay: a 128 KiB probe when the link estimator saw no bandwidth sample for S seconds and the link is idle (needs --arrival-rate). Default: no probes." };
        var repeats = RepeatOptions.CreateRuns(ComparisonSettings.DefaultRepeatRuns);
        var repeatShare = RepeatOptions.CreateShare(ComparisonSettings.DefaultRepeatShare);
        var arrivalRate = new Option<double?>("--arrival-rate") { HelpName = "PER_S", Description = "Requests per second, Poisson (seeded); default: each request arrives when the previous one is done." };

        var command = new Command("simulate", """
            Run the offline phase on a recorded measurement pool, then replay a workload of requests through every strategy.

            Example: dynasplit simulate --seeds 5 --plot front.png
            """);
        foreach (var option in new Option[] { pool, qosMin, qosMax, qosTrace, requests, budget, optimizer, repeats, repeatShare, seeds, seed, strategies, tableOut, plot, json, switchCost, switchCostFile, bandwidthTrace, arrivalRate, keepForLinks, probeInterval })
        {
            command.Options.Add(option);
        }

        command.SetAction((result, cancellationToken) => CliOutput.GuardAsync(async () =>
        {
            var asJson = result.GetValue(json);
            var console = CliConsole.Interactive(asJson);
            var measurementPool = EmbeddedPools.Load(result.GetValue(pool)?.FullName);
            var workloadSeed = result.GetValue(seed);
            var trace = result.GetValue(qosTrace);
            var requestCount = Positive(result.GetValue(requests), "--requests");
            var thresholds = trace is not null
                ? QosWorkload.ReadCsv(trace.FullName)
                : QosWorkload.Weibull(requestCount, result.GetValue(qosMin), result.GetValue(qosMax), workloadSeed);
            var optimizerName = result.GetValue(optimizer)!;
            OptimizerCatalog.Create(optimizerName); // fail early on an unknown name
            var (repeatRuns, repeatFraction) = RepeatOptions.Resolve(result, repeats, repeatShare, optimizerName);
            var costFile = result.GetValue(switchCostFile);
            if (costFile is not null && result.GetResult(switchCost) is { Implicit: false })
            {
                throw new ArgumentException("--switch-cost and --switch-cost-file both say what a reconfiguration costs; give one.");
            }

            var knobCosts = costFile is null ? null : SwitchCostFileSupport.Load(costFile.FullName, measurementPool);
            var plotPath = result.GetValue(plot)?.FullName;
            var conditions = NetworkSimulationSupport.Create(measurementPool, result.GetValue(bandwidthTrace), result.GetValue(arrivalRate));
            if (result.GetValue(probeInterval) is { } probe)
            {
                conditions = conditions is { ArrivalRatePerSecond: not null } && probe > 0 && probe < 1e6
                    ? conditions with { Probe = new LinkProbeOptions { Interval = TimeSpan.FromSeconds(probe) } }
                    : throw new ArgumentException($"--probe-interval {probe.ToString(CultureInfo.InvariantCulture)} needs --arrival-rate (probes go where the link is idle between requests) and a positive number of seconds.");
            }

            var settings = new ComparisonSettings
            {
                ThresholdsMs = thresholds,
                BudgetFraction = BudgetOption.Resolve(result, budget, optimizerName),
                Seeds = Positive(result.GetValue(seeds), "--seeds"),
                Seed = workloadSeed,
                Strategies = result.GetValue(strategies)?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                    ?? (result.GetValue(switchCost) > 0 || knobCosts is not null || result.GetValue(bandwidthTrace) is not null
                        ? Baselines.All
                        : Baselines.Published),
                RepeatRuns = repeatRuns,
                RepeatShare = repeatFraction,
                SwitchCostMs = result.GetValue(switchCost),
                SwitchCosts = knobCosts,
                Network = conditions,
                KeepForLinks = result.GetValue(keepForLinks) is { } links ? LinkScenario.ParseList(links) : null,
            };
            if (!(settings.SwitchCostMs >= 0 && double.IsFinite(settings.SwitchCostMs)))
            {
                throw new ArgumentException($"--switch-cost {settings.SwitchCostMs} must be a finite number of ms, 0 or more.");
            }

            // The timeline picture needs every request of the first seed; kept only when it is drawn.
            settings = settings with { RecordRequests = plotPath is not null && settings.Network is not null };
            var tablePath = result.GetValue(tableOut)?.FullName;
            if (tablePath is not null)
            {
                OutputFile.Check(tablePath, "--table-out");
            }

            if (plotPath is not null)
            {
                Figure.CheckPath(plotPath, "--plot");
            }

            var comparison = await CliConsole.WithProgressAsync(console, "offline phase", bar =>
                StrategyComparison.RunAsync(
                    measurementPool,
                    () => OptimizerCatalog.Create(optimizerName),
                    settings,
                    loggerFactory: null,
                    new SynchronousProgress<ComparisonProgress>(p => bar.Update(
                        ((double)p.Run * p.Offline.Budget) + p.Offline.Completed,
                        (double)p.Runs * p.Offline.Budget,
                        p.Runs == 1 ? $"offline phase: {p.Offline.Completed}/{p.Offline.Budget}" : $"offline phase, seed {settings.Seed + p.Run} ({p.Run + 1} of {p.Runs}): {p.Offline.Completed}/{p.Offline.Budget}")),
                    cancellationToken)).ConfigureAwait(false);

            var first = comparison.OfflineRuns[0];
            var extraRuns = comparison.TrialBudget - first.Budget;
            var report = new SimulateReport(
                SimulateReport.CommandName,
                new SimulateParameters(
                    measurementPool.Source,
                    trace is null ? requestCount : null,
                    result.GetValue(qosMin),
                    result.GetValue(qosMax),
                    trace?.FullName,
                    settings.BudgetFraction,
                    optimizerName,
                    settings.Seeds,
                    settings.Seed,
                    settings.Strategies,
                    settings.SwitchCostMs,
                    costFile?.FullName,
                    result.GetValue(bandwidthTrace)?.FullName,
                    result.GetValue(arrivalRate),
                    settings.RepeatRuns,
                    settings.RepeatShare,
                    result.GetValue(keepForLinks),
                    result.GetValue(probeInterval)),
                new SimulatePool(measurementPool.Source, measurementPool.RowCount, measurementPool.Configurations.Count),
                new SimulateOffline(
                    comparison.TrialBudget,
                    first.Budget,
                    extraRuns,
                    first.Table.Entries.Select(e => new PlotPoint(e.Configuration.Key, e.LatencyMs, e.EnergyJ)).ToList(),
                    PoolFront.Exhaustive(measurementPool)),
                new SimulateWorkload(thresholds.Length, thresholds.Min(), thresholds.Max()),
                comparison.Outcomes.Select(o => o with { Requests = [] }).ToList());

            if (asJson)
            {
                Console.WriteLine(JsonSerializer.Serialize(report, CliOutput.Json));
            }
            else
            {
                CliConsole.Note(console, $"pool: {measurementPool.Source} ({measurementPool.RowCount} runs of {measurementPool.Configurations.Count} configurations)");
                CliConsole.Note(console, string.Create(CultureInfo.InvariantCulture,
                    $"offline: {optimizerName}, budget {settings.BudgetFraction:P0} = {comparison.TrialBudget} trials ({first.Budget} configurations{(comparison.RepeatAllowance > 0 ? $" and {extraRuns} extra runs of the fastest, at most {comparison.RepeatAllowance}" : string.Empty)}), {settings.Seeds} seed(s); Pareto set {first.ParetoSet.Count} entries (seed {settings.Seed})"));
                CliConsole.Note(console, string.Create(CultureInfo.InvariantCulture,
                    $"workload: {thresholds.Length} requests, thresholds {thresholds.Min():F1}..{thresholds.Max():F1} ms{(trace is null ? " (Weibull shape 1, rescaled)" : $" from {trace.Name}")}"));
                var charged = settings.SwitchCostMs > 0 || knobCosts is not null;
                if (knobCosts is not null)
                {
                    CliConsole.Note(console, SwitchCostFileSupport.Describe(knobCosts));
                }
                else if (charged)
                {
                    CliConsole.Note(console, string.Create(CultureInfo.InvariantCulture,
                        $"reconfiguration: {settings.SwitchCostMs:F1} ms per change of hardware settings, added to the request's latency (no energy charged)"));
                }

                Console.WriteLine();
                var table = new CliTable().Left("strategy", 22).Right("latency ms", 11).Right("energy J", 10).Right("QoS met", 8).Right("saved vs cloud", 15);
                if (charged)
                {
                    table.Right("switches", 9);
                }

                foreach (var o in comparison.Outcomes)
                {
                    string[] cells =
                    [
                        o.Strategy,
                        o.MeanLatencyMs.ToString("F1", CultureInfo.InvariantCulture),
                        o.MeanEnergyJ.ToString("F3", CultureInfo.InvariantCulture),
                        o.QosMet.ToString("P1", CultureInfo.InvariantCulture),
                        o.EnergySavedVsCloud.ToString("P1", CultureInfo.InvariantCulture),
                    ];
                    table.Row(charged ? [.. cells, o.Switches.ToString("F0", CultureInfo.InvariantCulture)] : cells);
                }

                table.Write(console, Console.Out);
            }

            // The results are out before any file is written: a failed write loses nothing that was computed.
            var written = true;
            if (tablePath is not null)
            {
                written &= await CliOutput.TryWriteAsync(tablePath, "--table-out", () => LookupTableJson.SaveAsync(first.Table, tablePath, cancellationToken)).ConfigureAwait(false);
            }

            if (settings.Network is { } network && !result.GetValue(json))
            {
                NetworkSimulationSupport.Write(Console.Out, network, comparison);
            }

            if (plotPath is not null)
            {
                written &= await CliOutput.TryWriteAsync(plotPath, "--plot", () =>
                {
                    Draw(report, PoolFront.Means(measurementPool), settings.Network is { } network ? (network.Trace.Points, comparison.Outcomes) : null).Save(plotPath);
                    return Task.CompletedTask;
                }).ConfigureAwait(false);
            }

            return written ? ExitCodes.Ok : ExitCodes.BadInput;
        }));
        return command;
    }

    /// <summary>The main job's picture from a report (the pool's measured means in grey when given).</summary>
    public static Figure Draw(SimulateReport report, IReadOnlyList<PlotPoint> measured) => Draw(report, measured, null);

    /// <summary>
    /// The main job's picture; with a replay over a link (<paramref name="timeline"/>), the link's rate, the chosen
    /// split, and each request's latency and energy against time below it, for DynaSplit and the predictive strategy.
    /// </summary>
    public static Figure Draw(SimulateReport report, IReadOnlyList<PlotPoint> measured, (IReadOnlyList<(double Seconds, double BitsPerSecond)> Trace, IReadOnlyList<StrategyOutcome> Outcomes)? timeline)
    {
        var p = report.Parameters;
        var title = string.Create(CultureInfo.InvariantCulture,
            $"{p.Pool}: {p.Optimizer}, budget {p.Budget:P0} = {report.Offline.BudgetConfigurations} configurations (seed {p.Seed}); {report.Workload.Requests} requests");
        if (timeline is not { } t)
        {
            return SimulationPicture.Create(title, measured, report.Offline.ExhaustiveFront, report.Offline.LookupTable, $"lookup table, {p.Optimizer} (measured)", report.Outcomes);
        }

        var series = t.Outcomes
            .Where(o => o.Requests.Count > 0 && o.Strategy is Baselines.DynaSplit or Baselines.Predictive)
            .Select(o => new TimelineSeries(o.Strategy, o.Requests.Select(r => new TimelinePoint(r.StartSeconds, r.Split, r.LatencyMs, r.ThresholdMs, r.EnergyJ, r.Met)).ToList()))
            .ToList();
        var figure = new Figure(1400, 2300, rows: 9, columns: 2);
        ParetoPanel.Draw(figure.Add(0, 0, rowSpan: 3, columnSpan: 2), title, measured, report.Offline.ExhaustiveFront, report.Offline.LookupTable, $"lookup table, {p.Optimizer} (measured)");
        StrategyPanels.Draw(figure.Add(3, 0, rowSpan: 2), figure.Add(3, 1, rowSpan: 2), report.Outcomes);
        TimelinePicture.Draw(figure, 5, string.Create(CultureInfo.InvariantCulture, $"Requests over time (link: {Path.GetFileName(p.BandwidthTrace) ?? "constant, as recorded"}; switches charged: {(p.SwitchCostFile is { } f ? Path.GetFileName(f) : $"{p.SwitchCostMs:G4} ms")})"), t.Trace, series);
        return figure;
    }

    private static int Positive(int value, string option) =>
        value >= 1 ? value : throw new ArgumentException($"{option} must be at least 1; got {value}.");
}
