using System.CommandLine;
using System.Globalization;
using System.Text.Json;
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
        var pool = new Option<FileInfo?>("--pool") { Description = "Measurement pool CSV in the DynaSplit artifact's format (default: the embedded VGG16 pool)." };
        var budget = new Option<double>("--budget") { Description = "Offline budget as a share of the valid space, in (0, 1].", DefaultValueFactory = _ => 0.2 };
        var optimizer = new Option<string>("--optimizer") { Description = $"Offline optimizer: {string.Join(", ", OptimizerCatalog.Names)}.", DefaultValueFactory = _ => OptimizerCatalog.Default };
        var seeds = new Option<int>("--seeds") { Description = "Run the offline phase with seeds 0..K-1.", DefaultValueFactory = _ => 21 };
        var json = new Option<bool>("--json") { Description = "Print median, min, max and the per-seed ratios as JSON." };
        var withAccuracy = new Option<bool>("--with-accuracy") { Description = "Optimize accuracy too (latency, energy, accuracy, as simulate does) instead of the measured plane's latency and energy." };

        var command = new Command("hypervolume", "Hypervolume ratio of the Pareto sets an optimizer finds on a replay pool to the exhaustive Pareto set (log latency, log energy).");
        foreach (var option in new Option[] { pool, budget, optimizer, seeds, json, withAccuracy })
        {
            command.Options.Add(option);
        }

        command.SetAction((result, cancellationToken) => CliOutput.GuardAsync(async () =>
        {
            var measurementPool = EmbeddedPools.Load(result.GetValue(pool)?.FullName);
            var fraction = result.GetValue(budget);
            if (!(fraction > 0 && fraction <= 1))
            {
                throw new ArgumentException($"--budget {fraction} is not in (0, 1]; for example 0.2 measures 20% of the valid space.");
            }

            var seedCount = result.GetValue(seeds);
            if (seedCount < 1)
            {
                throw new ArgumentException($"--seeds must be at least 1; got {seedCount}.");
            }

            var optimizerName = result.GetValue(optimizer)!;
            OptimizerCatalog.Create(optimizerName); // fail early on an unknown name
            var plane = new LogPlane(measurementPool);
            var exhaustive = plane.Hypervolume(measurementPool.Configurations);
            if (result.GetValue(withAccuracy) && !measurementPool.HasAccuracy)
            {
                throw new ArgumentException($"--with-accuracy needs a pool with an accuracy column; {measurementPool.Source} has none.");
            }

            var objectives = result.GetValue(withAccuracy) ? WellKnownObjectives.LatencyEnergyAccuracy : WellKnownObjectives.LatencyEnergy;

            var ratios = new double[seedCount];
            var budgetCount = 0;
            for (var seed = 0; seed < seedCount; seed++)
            {
                var phase = new OfflinePhase(new ReplayTestbed(measurementPool, seed), OptimizerCatalog.Create(optimizerName));
                var offline = await phase.RunAsync(
                    new OfflinePhaseOptions { BudgetFraction = fraction, Seed = seed, Objectives = objectives },
                    cancellationToken).ConfigureAwait(false);
                budgetCount = offline.Budget;
                ratios[seed] = plane.Hypervolume(offline.ParetoSet.Select(t => t.Configuration)) / exhaustive;
            }

            var sorted = ratios.Order().ToArray();
            var median = sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : 0.5 * (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]);
            if (result.GetValue(json))
            {
                Console.WriteLine(JsonSerializer.Serialize(new { median, min = sorted[0], max = sorted[^1], runs = ratios }, CliOutput.Json));
                return 0;
            }

            Console.WriteLine($"pool: {measurementPool.Source} ({measurementPool.Configurations.Count} configurations)");
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"optimizer: {optimizerName} over {string.Join(", ", objectives.Select(o => o.Name))}, budget {fraction:P0} = {budgetCount} configurations, seeds 0..{seedCount - 1}"));
            Console.WriteLine("hypervolume ratio to the exhaustive Pareto set (log latency, log energy, normalized; reference 1.1, 1.1):");
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  median {median:F4}  min {sorted[0]:F4}  max {sorted[^1]:F4}"));
            return 0;
        }));
        return command;
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
