using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using DynaSplit.Cli.Plotting;
using DynaSplit.Objectives;
using DynaSplit.Optimization;
using DynaSplit.Optimization.Indicators;
using DynaSplit.Simulation.Replay;
using DynaSplit.Spaces;

namespace DynaSplit.Cli.Commands;

/// <summary>
/// `hypervolume`: how much of the exhaustive Pareto front an optimizer finds with a budget. Runs the offline phase
/// on a replay of the pool with seeds 0..K-1 and prints the ratio of each found Pareto set's hypervolume to the
/// exhaustive one's, in the plane of log(latency) and log(energy), each normalized to [0, 1] over the pool's
/// measured configurations (means per configuration), with reference point (1.1, 1.1).
/// </summary>
internal static class HypervolumeCommand
{
    private static readonly double[] Reference = [1.1, 1.1];

    public static Command Create()
    {
        var pool = new Option<FileInfo?>("--pool") { HelpName = "FILE", Description = "Measurement pool CSV in the DynaSplit artifact's format (default: the embedded VGG16 pool)." };
        var budget = BudgetOption.Create();
        var optimizer = new Option<string>("--optimizer") { HelpName = "NAME", Description = $"Offline optimizer: {string.Join(", ", OptimizerCatalog.Names)}.", DefaultValueFactory = _ => OptimizerCatalog.Default };
        var seeds = new Option<int>("--seeds") { HelpName = "K", Description = "Run the offline phase with seeds 0..K-1.", DefaultValueFactory = _ => 21 };
        var plot = new Option<FileInfo?>("--plot") { HelpName = "FILE", Description = "Draw each seed's ratio and the median to FILE (.png or .svg)." };
        var json = new Option<bool>("--json") { Description = "Print the parameters, median, min, max and the per-seed ratios as JSON." };
        var withAccuracy = new Option<bool>("--with-accuracy") { Description = "Optimize accuracy too (latency, energy, accuracy, as simulate does) instead of the measured plane's latency and energy." };

        var command = new Command("hypervolume", """
            Hypervolume ratio of the Pareto sets an optimizer finds on a replay pool to the exhaustive Pareto set (log latency, log energy).

            Example: dynasplit hypervolume --seeds 5 --optimizer nsga3-plain --plot hv.png
            """);
        foreach (var option in new Option[] { pool, budget, optimizer, seeds, plot, json, withAccuracy })
        {
            command.Options.Add(option);
        }

        command.SetAction((result, cancellationToken) => CliOutput.GuardAsync(async () =>
        {
            var asJson = result.GetValue(json);
            var console = CliConsole.Interactive(asJson);
            var measurementPool = EmbeddedPools.Load(result.GetValue(pool)?.FullName);
            var optimizerName = result.GetValue(optimizer)!;
            OptimizerCatalog.Create(optimizerName); // fail early on an unknown name
            var fraction = BudgetOption.Resolve(result, budget, optimizerName);
            var seedCount = result.GetValue(seeds);
            if (seedCount < 1)
            {
                throw new ArgumentException($"--seeds must be at least 1; got {seedCount}.");
            }

            var plotPath = result.GetValue(plot)?.FullName;
            if (plotPath is not null)
            {
                Figure.CheckPath(plotPath, "--plot");
            }

            var plane = new LogPlane(measurementPool);
            var exhaustive = plane.Hypervolume(measurementPool.Configurations);
            if (result.GetValue(withAccuracy) && !measurementPool.HasAccuracy)
            {
                throw new ArgumentException($"--with-accuracy needs a pool with an accuracy column; {measurementPool.Source} has none.");
            }

            var objectives = result.GetValue(withAccuracy) ? WellKnownObjectives.LatencyEnergyAccuracy : WellKnownObjectives.LatencyEnergy;

            var ratios = new double[seedCount];
            var budgetCount = 0;
            await CliConsole.WithProgressAsync(console, "offline phases", async bar =>
            {
                for (var seed = 0; seed < seedCount; seed++)
                {
                    var run = seed;
                    var phase = new OfflinePhase(new ReplayTestbed(measurementPool, seed), OptimizerCatalog.Create(optimizerName));
                    var offline = await phase.RunAsync(
                        new OfflinePhaseOptions { BudgetFraction = fraction, Seed = seed, Objectives = objectives },
                        new SynchronousProgress<OfflinePhaseProgress>(p => bar.Update(
                            ((double)run * p.Budget) + p.Completed,
                            (double)seedCount * p.Budget,
                            $"offline phase, seed {run} of 0..{seedCount - 1}: {p.Completed}/{p.Budget}")),
                        cancellationToken).ConfigureAwait(false);
                    budgetCount = offline.Budget;
                    ratios[seed] = plane.Hypervolume(offline.ParetoSet.Select(t => t.Configuration)) / exhaustive;
                }

                return 0;
            }).ConfigureAwait(false);

            var sorted = ratios.Order().ToArray();
            var median = sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : 0.5 * (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]);
            var report = new HypervolumeReport(
                HypervolumeReport.CommandName,
                new HypervolumeParameters(measurementPool.Source, fraction, budgetCount, optimizerName, seedCount, objectives.Select(o => o.Name).ToList()),
                median,
                sorted[0],
                sorted[^1],
                ratios);
            if (asJson)
            {
                Console.WriteLine(JsonSerializer.Serialize(report, CliOutput.Json));
            }
            else
            {
                CliConsole.Note(console, $"pool: {measurementPool.Source} ({measurementPool.Configurations.Count} configurations)");
                CliConsole.Note(console, string.Create(CultureInfo.InvariantCulture,
                    $"optimizer: {optimizerName} over {string.Join(", ", objectives.Select(o => o.Name))}, budget {fraction:P0} = {budgetCount} configurations, seeds 0..{seedCount - 1}"));
                Console.WriteLine("hypervolume ratio to the exhaustive Pareto set (log latency, log energy, normalized; reference 1.1, 1.1):");
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  median {median:F4}  min {sorted[0]:F4}  max {sorted[^1]:F4}"));
            }

            if (plotPath is not null && !await CliOutput.TryWriteAsync(plotPath, "--plot", () =>
                {
                    Draw(report).Save(plotPath);
                    return Task.CompletedTask;
                }).ConfigureAwait(false))
            {
                return ExitCodes.BadInput;
            }

            return ExitCodes.Ok;
        }));
        return command;
    }

    /// <summary>The picture of a report: each seed's ratio and the median.</summary>
    public static Figure Draw(HypervolumeReport report)
    {
        var p = report.Parameters;
        return HypervolumePicture.Create(
            string.Create(CultureInfo.InvariantCulture, $"{p.Pool}: {p.Optimizer}, budget {p.Budget:P0} = {p.BudgetConfigurations} configurations, {p.Seeds} seeds"),
            report.Runs);
    }

    /// <summary>The normalized (log latency, log energy) plane of a pool, over its configurations' means.</summary>
    private sealed class LogPlane
    {
        private readonly MeasurementPool _pool;
        private readonly double _minLatency;
        private readonly double _spanLatency;
        private readonly double _minEnergy;
        private readonly double _spanEnergy;

        public LogPlane(MeasurementPool pool)
        {
            _pool = pool;
            var latencies = pool.Configurations.Select(c => Log(pool.Means[c].LatencyMs, c, "latency")).ToArray();
            var energies = pool.Configurations.Select(c => Log(pool.Means[c].EnergyJ, c, "energy")).ToArray();
            _minLatency = latencies.Min();
            _spanLatency = Math.Max(latencies.Max() - _minLatency, double.Epsilon);
            _minEnergy = energies.Min();
            _spanEnergy = Math.Max(energies.Max() - _minEnergy, double.Epsilon);
        }

        /// <summary>The hypervolume of the configurations' mean points in the normalized plane.</summary>
        public double Hypervolume(IEnumerable<Configuration> configurations)
        {
            var points = configurations
                .Select(c => _pool.Means[c])
                .Select(m => new[] { (Math.Log(m.LatencyMs) - _minLatency) / _spanLatency, (Math.Log(m.EnergyJ) - _minEnergy) / _spanEnergy })
                .ToList();
            return Optimization.Indicators.Hypervolume.Compute(points, Reference);
        }

        private static double Log(double value, Configuration configuration, string name) => value > 0
            ? Math.Log(value)
            : throw new InvalidDataException($"Configuration '{configuration.Key}' has a mean {name} of {value.ToString(CultureInfo.InvariantCulture)}; the hypervolume plane needs positive latency and energy.");
    }
}
