using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using DynaSplit.Placements.Model;
using DynaSplit.Placements.MultiApplication;
using DynaSplit.Placements.Onnx;
using DynaSplit.Placements.Planning;
using DynaSplit.Placements.Reference;
using DynaSplit.Placements.Serialization;

namespace DynaSplit.Cli.Commands;

/// <summary>
/// `place`: plans where each block of an early-exit network runs (device, edge, cloud) and which exit it takes, with
/// FIN, the exhaustive optimum or the latency-greedy benchmark; `place --sweep` reproduces FIN's figures.
/// </summary>
internal static class PlaceCommand
{
    private static readonly int[] SweepGammas = [1, 2, 5, 10, 20, 50, 100, 300, 1000];

    public static Command Create()
    {
        var topology = new Option<FileInfo?>("--topology") { HelpName = "FILE", Description = "Topology JSON (tiers with operationsPerSecond and activePowerW, links with rateBitsPerSecond and sender/receiver joulesPerBit). Default: FIN's reference device, edge and cloud." };
        var profile = new Option<string?>("--profile") { HelpName = "FILE|NAME", Description = "Profile JSON (blocks with operations and outputBits, exits with afterBlocks and accuracyPercent), or a reference network: b-alexnet, b-resnet, b-lenet." };
        var model = new Option<FileInfo?>("--model") { HelpName = "FILE", Description = "An ONNX early-exit model to profile instead of --profile (exits are graph outputs; give them with --exits)." };
        var exits = new Option<string?>("--exits") { HelpName = "LIST", Description = "With --model: the exits as OUTPUT=ACCURACY_PERCENT pairs, comma-separated (for example exit1=56.4,exit2=78,final=86)." };
        var dims = OnnxCommandSupport.DimOption();
        var featureBits = new Option<int?>("--feature-bits") { HelpName = "BITS", Description = "With --model: bits per element of a feature sent over a link (8 as in FIN's reference); default the tensor's own type." };
        var saveProfile = new Option<FileInfo?>("--save-profile") { HelpName = "FILE", Description = "With --model: also write the profile built from the model to this JSON file (reusable with --profile)." };
        var latency = new Option<double?>("--latency") { HelpName = "MS", Description = "Latency limit, ms (a plan must take less)." };
        var accuracy = new Option<double?>("--accuracy") { HelpName = "PERCENT", Description = "Accuracy floor, percent (the exit must reach more)." };
        var planner = new Option<string>("--planner") { HelpName = "NAME", Description = $"Planner: {string.Join(", ", PlannerCatalog.Names)}.", DefaultValueFactory = _ => PlannerNames.Fin };
        var gamma = new Option<int>("--gamma") { HelpName = "N", Description = "FIN's number of latency levels.", DefaultValueFactory = _ => 1000 };
        var sweep = new Option<bool>("--sweep") { Description = "Reproduce FIN's figures for the three reference networks (energy against accuracy at 5 ms, against latency at 80%) with all three planners: CSV files and FIN's savings against the benchmark." };
        var output = new Option<DirectoryInfo>("--out") { HelpName = "DIR", Description = "Folder for the --sweep files.", DefaultValueFactory = _ => new DirectoryInfo("place-sweep") };
        var json = new Option<bool>("--json") { Description = "Write JSON to standard output." };

        var command = new Command("place", """
            Plan the placement of an early-exit network over device, edge and cloud for the least energy within a latency limit and above an accuracy floor (FIN). Exit code 1 when no plan meets the requirements.

            Example: dynasplit place --profile b-alexnet --latency 5 --accuracy 80
            """);
        foreach (var option in new Option[] { topology, profile, model, exits, dims, featureBits, saveProfile, latency, accuracy, planner, gamma, sweep, output, json })
        {
            command.Options.Add(option);
        }

        command.SetAction((result, cancellationToken) => Task.FromResult(CliOutput.Guard(() =>
        {
            var gammaValue = result.GetValue(gamma);
            if (result.GetValue(sweep))
            {
                return Sweep(gammaValue, result.GetValue(output)!, result.GetValue(json), cancellationToken);
            }

            var topologyValue = result.GetValue(topology) is { } file ? PlacementJson.LoadTopology(file.FullName) : FinReference.Topology;
            var modelFile = result.GetValue(model);
            if (modelFile is not null && result.GetValue(profile) is not null)
            {
                throw new ArgumentException("Give either --profile or --model, not both.");
            }

            var profileValue = modelFile is not null
                ? ProfileFromModel(modelFile, result.GetValue(exits), OnnxCommandSupport.ParseDimensions(result.GetValue(dims)), result.GetValue(featureBits))
                : LoadProfile(result.GetValue(profile));
            if (result.GetValue(saveProfile) is { } savePath)
            {
                File.WriteAllText(savePath.FullName, PlacementJson.Serialize(profileValue));
            }

            var requirements = new PlacementRequirements(
                result.GetValue(latency) ?? throw new ArgumentException("--latency MS is required (or use --sweep)."),
                result.GetValue(accuracy) ?? throw new ArgumentException("--accuracy PCT is required (or use --sweep)."));
            var chosen = PlannerCatalog.Create(result.GetValue(planner)!, gammaValue);
            var plan = chosen.Plan(new PlacementProblem(topologyValue, profileValue, requirements), cancellationToken);
            if (result.GetValue(json))
            {
                Console.WriteLine(JsonSerializer.Serialize(Describe(plan), CliOutput.Json));
            }
            else
            {
                Console.WriteLine($"{profileValue} on {topologyValue.Describe()}; {requirements}; planner {Label(chosen)}");
                if (plan.IsFeasible)
                {
                    var p = plan.Plan;
                    Console.WriteLine($"placement: {p.Describe()}");
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"energy {p.EnergyJ:F6} J (compute {p.ComputeEnergyJ:F6}, transfer {p.TransferEnergyJ:F6}); latency {p.LatencyMs:F4} ms (compute {p.ComputeMs:F4}, transfer {p.TransferMs:F4}); accuracy {p.AccuracyPercent:F2}%"));
                }
                else
                {
                    Console.WriteLine($"infeasible: {plan.InfeasibleReason}");
                }
            }

            return plan.IsFeasible ? 0 : 1;
        })));
        return command;
    }

    private static EarlyExitProfile ProfileFromModel(FileInfo file, string? exits, Dictionary<string, long> dimensions, int? featureBits)
    {
        if (string.IsNullOrWhiteSpace(exits))
        {
            throw new ArgumentException("--model needs --exits OUTPUT=ACCURACY,... naming the graph outputs that are exits and their accuracies in percent.");
        }

        var parsed = exits.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(pair =>
        {
            var at = pair.LastIndexOf('=');
            return at > 0 && double.TryParse(pair.AsSpan(at + 1), NumberStyles.Float, CultureInfo.InvariantCulture, out var accuracy)
                ? new OnnxExit(pair[..at], accuracy)
                : throw new ArgumentException($"--exits '{pair}' is not OUTPUT=ACCURACY_PERCENT (for example final=86.5).");
        }).ToArray();
        using var loggers = OnnxCommandSupport.CreateLoggerFactory();
        var loaded = OnnxCommandSupport.Load(file.FullName, dimensions, loggers);
        return OnnxProfileBuilder.Build(loaded, parsed, new OnnxProfileOptions { Dimensions = dimensions, BitsPerElement = featureBits }).Profile;
    }

    private static EarlyExitProfile LoadProfile(string? value)
    {
        if (value is null)
        {
            throw new ArgumentException("Give --profile FILE, a reference network (b-alexnet, b-resnet, b-lenet) or --model ONNX --exits ...; or use --sweep.");
        }

        return File.Exists(value)
            ? PlacementJson.LoadProfile(value)
            : FinReference.FindProfile(value) ?? throw new FileNotFoundException($"--profile {value}: no such file, and not a reference network (b-alexnet, b-resnet, b-lenet).", value);
    }

    private static string Label(IPlacementPlanner planner) => planner is FinPlanner fin ? $"fin (gamma {fin.Gamma})" : planner.Name;

    private static object Describe(PlacementResult result) => new
    {
        planner = result.Planner,
        feasible = result.IsFeasible,
        reason = result.InfeasibleReason,
        plan = result.Plan is { } p
            ? new
            {
                placement = p.Describe(),
                exit = p.Exit.AfterBlocks,
                exitName = p.Exit.Name,
                blockTiers = p.BlockTierNames,
                energyJ = p.EnergyJ,
                computeEnergyJ = p.ComputeEnergyJ,
                transferEnergyJ = p.TransferEnergyJ,
                latencyMs = p.LatencyMs,
                computeMs = p.ComputeMs,
                transferMs = p.TransferMs,
                accuracyPercent = p.AccuracyPercent,
                transferredBits = p.TransferredBits,
            }
            : null,
    };

    private static int Sweep(int gamma, DirectoryInfo output, bool json, CancellationToken cancellationToken)
    {
        var points = ReferenceSweep.Figures(gamma, cancellationToken: cancellationToken);
        var gammas = ReferenceSweep.GammaTable(SweepGammas, cancellationToken: cancellationToken);
        output.Create();
        var figuresPath = Path.Combine(output.FullName, "place-figures.csv");
        var gammaPath = Path.Combine(output.FullName, "place-gamma.csv");
        File.WriteAllText(figuresPath, FiguresCsv(points));
        File.WriteAllText(gammaPath, GammaCsv(gammas));
        var pictures = Plot(points, output);

        var savings = points.Where(p => p.SavingVsGreedy is not null).Select(p => p.SavingVsGreedy!.Value).ToArray();
        var above = savings.Count(s => s > 0.65);
        if (json)
        {
            Console.WriteLine(JsonSerializer.Serialize(new
            {
                figures = figuresPath,
                gammaTable = gammaPath,
                pictures,
                points = points.Select(p => new
                {
                    model = p.Model,
                    figure = p.Figure,
                    latencyMs = p.LatencyMs,
                    accuracyPercent = p.AccuracyPercent,
                    finJ = p.Fin.Plan?.EnergyJ,
                    optimumJ = p.Exhaustive.Plan?.EnergyJ,
                    greedyJ = p.Greedy.Plan?.EnergyJ,
                    savingVsGreedy = p.SavingVsGreedy,
                }),
                savingsAbove65Percent = above,
                comparablePoints = savings.Length,
            }, CliOutput.Json));
            return 0;
        }

        Console.WriteLine($"FIN (gamma {gamma}) against the exhaustive optimum and the latency-greedy benchmark, FIN's reference parameters");
        foreach (var model in points.GroupBy(p => p.Model))
        {
            foreach (var figure in model.GroupBy(p => p.Figure))
            {
                Console.WriteLine();
                Console.WriteLine(figure.Key == ReferenceSweep.EnergyVsAccuracy
                    ? $"{model.Key}: energy against accuracy floor at {FinReference.FigureLatencyMs} ms"
                    : $"{model.Key}: energy against latency limit at {FinReference.FigureAccuracyPercent}%");
                Console.WriteLine($"{(figure.Key == ReferenceSweep.EnergyVsAccuracy ? "acc %" : "lat ms"),7} {"FIN J",10} {"optimum J",10} {"greedy J",10} {"saving",8}");
                foreach (var p in figure)
                {
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"{(figure.Key == ReferenceSweep.EnergyVsAccuracy ? p.AccuracyPercent : p.LatencyMs),7:G4} {Joules(p.Fin),10} {Joules(p.Exhaustive),10} {Joules(p.Greedy),10} {(p.SavingVsGreedy is { } s ? s.ToString("P2", CultureInfo.InvariantCulture) : "-"),8}"));
                }
            }
        }

        Console.WriteLine();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"FIN saves more than 65% against the benchmark at {above} of {savings.Length} points where both plan (min {savings.Min():P2}, median {Median(savings):P2}, max {savings.Max():P2})"));
        foreach (var group in points.GroupBy(p => (p.Model, p.Figure)))
        {
            var s = group.Where(p => p.SavingVsGreedy is not null).Select(p => p.SavingVsGreedy!.Value).ToArray();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  {group.Key.Model,-10} {group.Key.Figure,-19} >65% at {s.Count(x => x > 0.65),2}/{s.Length,2}  (min {s.Min():P2}, max {s.Max():P2})"));
        }

        Console.WriteLine();
        Console.WriteLine("FIN against the optimum over the whole grid (latency 3..15 ms x accuracy 10..85%):");
        Console.WriteLine($"{"model",-10} {"gamma",6} {"found",7} {"optimal",8} {"mean excess",12} {"max excess",11}");
        foreach (var row in gammas)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{row.Model,-10} {row.Gamma,6} {row.FoundPoints,3}/{row.FeasiblePoints,-3} {row.OptimalPoints,8} {row.MeanExcess,12:P2} {row.MaxExcess,11:P2}"));
        }

        Console.WriteLine();
        Console.WriteLine("Multi-application (each network's users share its part of the edge and cloud, as in the reference code;");
        Console.WriteLine("requirements drawn uniformly from latency 3..15 ms x accuracy 10..85%, seed 1; energy per sample summed over the applications met):");
        Console.WriteLine($"{"users/net",9} {"FIN met",8} {"greedy met",11} {"FIN J",9} {"greedy J",9} {"both met: FIN J",16} {"greedy J",9}");
        foreach (var users in new[] { 1, 2, 5, 10, 20 })
        {
            var population = MultiApplicationPlanner.RandomPopulation(FinReference.Profiles, users, (3, 15), (10, 85), seed: 1);
            var fin = new MultiApplicationPlanner(new FinPlanner(new FinPlannerOptions { Gamma = gamma }), FinReference.MultiApplicationShare).Plan(FinReference.Topology, population, cancellationToken);
            var greedy = new MultiApplicationPlanner(new LatencyGreedyPlanner(), FinReference.MultiApplicationShare).Plan(FinReference.Topology, population, cancellationToken);
            var both = Enumerable.Range(0, population.Count).Where(i => fin.Outcomes[i].RequirementsMet && greedy.Outcomes[i].RequirementsMet).ToArray();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{users,9} {fin.SuccessProbability,8:P0} {greedy.SuccessProbability,11:P0} {fin.EnergyJ,9:F4} {greedy.EnergyJ,9:F4} {both.Sum(i => fin.Outcomes[i].Result.Plan!.EnergyJ),16:F4} {both.Sum(i => greedy.Outcomes[i].Result.Plan!.EnergyJ),9:F4}"));
        }

        Console.WriteLine();
        Console.WriteLine($"wrote {figuresPath}, {gammaPath} and {pictures.Count} SVG figures in {output.FullName}");
        return 0;
    }

    /// <summary>One SVG per network and figure: energy of each planner's plan against the swept requirement (infeasible points left out).</summary>
    private static List<string> Plot(IReadOnlyList<SweepPoint> points, DirectoryInfo output)
    {
        var files = new List<string>();
        foreach (var group in points.GroupBy(p => (p.Model, p.Figure)))
        {
            var byAccuracy = group.Key.Figure == ReferenceSweep.EnergyVsAccuracy;
            var plot = new ScottPlot.Plot();
            foreach (var (label, select, line) in new (string, Func<SweepPoint, PlacementResult>, bool)[]
            {
                ("FIN", p => p.Fin, true),
                ("optimum (exhaustive)", p => p.Exhaustive, false),
                ("benchmark (latency-greedy)", p => p.Greedy, true),
            })
            {
                var feasible = group.Where(p => select(p).IsFeasible).ToArray();
                var scatter = plot.Add.Scatter(
                    feasible.Select(p => byAccuracy ? p.AccuracyPercent : p.LatencyMs).ToArray(),
                    feasible.Select(p => select(p).Plan!.EnergyJ).ToArray());
                scatter.LegendText = label;
                scatter.LineWidth = line ? 2 : 0;
                scatter.MarkerSize = line ? 5 : 10;
                scatter.MarkerShape = line ? ScottPlot.MarkerShape.FilledCircle : ScottPlot.MarkerShape.OpenCircle;
            }

            plot.Title(byAccuracy
                ? $"{group.Key.Model}: latency limit {FinReference.FigureLatencyMs} ms"
                : $"{group.Key.Model}: accuracy floor {FinReference.FigureAccuracyPercent}%");
            plot.XLabel(byAccuracy ? "Accuracy floor (%)" : "Latency limit (ms)");
            plot.YLabel("Energy per sample (J)");
            plot.ShowLegend();
            var path = Path.Combine(output.FullName, $"place-{group.Key.Model.ToLowerInvariant()}-{group.Key.Figure}.svg");
            plot.SaveSvg(path, 720, 450);
            files.Add(path);
        }

        return files;
    }

    private static string Joules(PlacementResult result) =>
        result.IsFeasible ? result.Plan.EnergyJ.ToString("F5", CultureInfo.InvariantCulture) : "infeasible";

    private static double Median(double[] values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }

    private static string FiguresCsv(IReadOnlyList<SweepPoint> points)
    {
        var csv = new StringBuilder("model,figure,latency_ms,accuracy_percent,planner,feasible,energy_j,compute_j,transfer_j,plan_latency_ms,exit_accuracy_percent,placement,saving_vs_greedy\n");
        foreach (var p in points)
        {
            foreach (var r in new[] { p.Fin, p.Exhaustive, p.Greedy })
            {
                var plan = r.Plan;
                csv.Append(CultureInfo.InvariantCulture,
                    $"{p.Model},{p.Figure},{p.LatencyMs},{p.AccuracyPercent},{r.Planner},{(r.IsFeasible ? 1 : 0)},{plan?.EnergyJ:R},{plan?.ComputeEnergyJ:R},{plan?.TransferEnergyJ:R},{plan?.LatencyMs:R},{plan?.AccuracyPercent:R},\"{plan?.Describe()}\",{(r == p.Fin ? p.SavingVsGreedy : null):R}\n");
            }
        }

        return csv.ToString();
    }

    private static string GammaCsv(IReadOnlyList<GammaRow> rows)
    {
        var csv = new StringBuilder("model,gamma,feasible_points,found_points,optimal_points,mean_excess,max_excess\n");
        foreach (var r in rows)
        {
            csv.Append(CultureInfo.InvariantCulture, $"{r.Model},{r.Gamma},{r.FeasiblePoints},{r.FoundPoints},{r.OptimalPoints},{r.MeanExcess:R},{r.MaxExcess:R}\n");
        }

        return csv.ToString();
    }
}
