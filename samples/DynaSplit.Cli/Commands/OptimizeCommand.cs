using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using DynaSplit.Cli.Plotting;
using DynaSplit.DependencyInjection;
using DynaSplit.Objectives;
using DynaSplit.Optimization;
using DynaSplit.Optimization.Storage;
using DynaSplit.Planning;
using DynaSplit.Scheduling;
using DynaSplit.Testbed;
using DynaSplit.Trials;
using Microsoft.Extensions.DependencyInjection;

namespace DynaSplit.Cli.Commands;

/// <summary>
/// `optimize MODEL --budget F --study FILE`: the live offline phase on this machine. The knobs the board offers and the
/// split points make the space; each trial sets the knobs, runs warm-up and measured inferences of the model split
/// there (tail in process, or on a `serve` server with --cloud) inside the energy meter's window (a sensor, else the
/// labelled CPU-time estimate); every trial is stored in the SQLite study as it finishes, so an interrupted run,
/// started again, measures nothing twice. The Pareto set is written as a lookup table and drawn.
/// </summary>
internal static class OptimizeCommand
{
    public static Command Create()
    {
        var live = new LiveOptions.Set();
        var budget = BudgetOption.Create();
        var study = new Option<FileInfo>("--study") { HelpName = "FILE", Description = "The SQLite study file: every trial is stored as it finishes; run again to resume (created when missing).", Required = true };
        var studyName = new Option<string>("--study-name") { HelpName = "NAME", Description = "The study's name within the file (several can share one).", DefaultValueFactory = _ => "optimize" };
        var optimizer = new Option<string>("--optimizer") { HelpName = "NAME", Description = $"Offline optimizer: {string.Join(", ", OptimizerCatalog.Names)}.", DefaultValueFactory = _ => OptimizerCatalog.Default };
        var seed = new Option<int>("--seed") { HelpName = "S", Description = "The optimizer's seed (a resumed study needs the same one to ask the same questions).", DefaultValueFactory = _ => 0 };
        var warmup = new Option<int>("--warmup") { HelpName = "N", Description = "Warm-up inferences per trial, not measured.", DefaultValueFactory = _ => 2 };
        var inferences = new Option<int>("--inferences") { HelpName = "N", Description = "Measured inferences per trial (their mean is the trial's result).", DefaultValueFactory = _ => 10 };
        var tableOut = new Option<FileInfo?>("--table-out") { HelpName = "FILE", Description = "The lookup table (JSON) to write (default: beside the study, STUDY.table.json)." };
        var plot = new Option<FileInfo?>("--plot") { HelpName = "FILE", Description = "The picture of the trials and the table, .png or .svg (default: beside the study, STUDY.png)." };
        var json = new Option<bool>("--json") { Description = "Print the run's parameters and results as JSON (nothing else on stdout)." };
        var offlineDefaults = new OfflinePhaseOptions();
        var repeats = RepeatOptions.CreateRuns(offlineDefaults.RepeatRuns);
        var repeatShare = RepeatOptions.CreateShare(offlineDefaults.RepeatShare);

        var command = new Command("optimize", """
            Run the offline phase live on this machine: measure a budgeted share of split points x the board's knobs, store every trial in a resumable SQLite study, and write the lookup table and its picture.

            Example: dynasplit optimize squeezenet1_1.onnx --budget 0.2 --study study.db
            """);
        live.AddTo(command);
        foreach (var option in new Option[] { budget, study, studyName, optimizer, repeats, repeatShare, seed, warmup, inferences, tableOut, plot, json })
        {
            command.Options.Add(option);
        }

        command.SetAction((result, cancellationToken) => CliOutput.GuardAsync(async () =>
        {
            var options = live.Read(result);
            var optimizerName = result.GetValue(optimizer)!;
            var (repeatRuns, repeatFraction) = RepeatOptions.Resolve(result, repeats, repeatShare, optimizerName);
            OptimizerCatalog.Create(optimizerName); // fail early on an unknown name
            var fraction = BudgetOption.Resolve(result, budget, optimizerName);
            var testbedOptions = new HardwareTestbedOptions { WarmupInferences = result.GetValue(warmup), MeasuredInferences = result.GetValue(inferences) };
            testbedOptions.Validate();
            var studyPath = result.GetValue(study)!.FullName;
            var name = result.GetValue(studyName)!;
            var stem = Path.Combine(Path.GetDirectoryName(studyPath)!, Path.GetFileNameWithoutExtension(studyPath));
            var tablePath = result.GetValue(tableOut)?.FullName ?? stem + ".table.json";
            var plotPath = result.GetValue(plot)?.FullName ?? stem + ".png";
            OutputFile.Check(studyPath, "--study");
            OutputFile.Check(tablePath, "--table-out");
            Figure.CheckPath(plotPath, "--plot");

            var asJson = result.GetValue(json);
            var console = CliConsole.Interactive(asJson);
            await using var host = await CliConsole.WithStatusAsync(console, "loading the model and looking for knobs and meters", () => LiveHost.StartAsync(
                options,
                dynasplit => dynasplit
                    .UseOptimizer(OptimizerCatalog.Create(optimizerName))
                    // The space is the split points x the knobs found; trials run through the runtime's pipeline, so
                    // with --cloud the tail is measured on the server; energy from EnergyMeterSelection.ChooseLocal.
                    .UseOnnxRuntimeTestbed(o =>
                    {
                        o.WarmupInferences = testbedOptions.WarmupInferences;
                        o.MeasuredInferences = testbedOptions.MeasuredInferences;
                    })
                    // The study is bound to the model's content as well as to the space, so a study file is never
                    // answered with the measurements of another model that has as many split points.
                    .UseTrialStore(sp => new SqliteTrialStore(studyPath, name, sp.GetRequiredService<SplitPlan>().Fingerprint)),
                cancellationToken)).ConfigureAwait(false);

            var services = host.Services;
            var plan = host.Plan;
            var meter = host.Meter();
            var phase = services.GetRequiredService<OfflinePhase>();
            var space = services.GetRequiredService<ITestbed>().Space;
            var store = services.GetRequiredService<ITrialStore>();
            var storedBefore = (await store.LoadAsync(space, cancellationToken).ConfigureAwait(false)).Count;
            var knobsLine = host.DescribeKnobs();
            var meterLine = host.DescribeMeter(meter);
            if (!asJson)
            {
                CliConsole.Note(console, $"model: {Path.GetFileName(options.ModelPath)} ({plan.SplitPoints.Count} split points); tail {(options.Cloud is null ? "in this process" : $"on {options.Cloud}")}");
                CliConsole.Note(console, knobsLine);
                CliConsole.Note(console, meterLine);
                CliConsole.Note(console, string.Create(CultureInfo.InvariantCulture,
                    $"space: {space.CountValid()} configurations; {optimizerName}, budget {fraction:P0} = {Budget.FromFraction(fraction, space.CountValid())}, seed {result.GetValue(seed)}; {testbedOptions.WarmupInferences} warm-up + {testbedOptions.MeasuredInferences} measured inferences per trial"));
                CliConsole.Note(console, storedBefore == 0
                    ? $"study: {studyPath} ({name}), new"
                    : $"study: {studyPath} ({name}), {storedBefore} trials stored: resuming, they are not measured again");
            }

            OfflinePhaseResult offline;
            try
            {
                offline = await CliConsole.WithProgressAsync(console, "offline phase", bar => phase.RunAsync(
                    new OfflinePhaseOptions { BudgetFraction = fraction, Seed = result.GetValue(seed), Objectives = WellKnownObjectives.LatencyEnergy, RepeatRuns = repeatRuns, RepeatShare = repeatFraction },
                    new SynchronousProgress<OfflinePhaseProgress>(p => bar.Update(p.Completed, p.Budget,
                        $"offline phase: {p.Completed}/{p.Budget} ({p.Measured} measured, {p.Reused} from the study{(p.Failed > 0 ? $", {p.Failed} failed" : string.Empty)})")),
                    cancellationToken)).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                var kept = (await store.LoadAsync(space, CancellationToken.None).ConfigureAwait(false)).Count;
                await Console.Error.WriteLineAsync($"study: {kept} trials kept in {studyPath}; run the same command again to resume.").ConfigureAwait(false);
                throw;
            }

            var storedAfter = (await store.LoadAsync(space, CancellationToken.None).ConfigureAwait(false)).Count;
            var report = new OptimizeReport(
                "optimize",
                new OptimizeParameters(options.ModelPath, fraction, studyPath, name, optimizerName, result.GetValue(seed), testbedOptions.WarmupInferences,
                    testbedOptions.MeasuredInferences, options.UseKnobs, options.Cloud?.ToString(), options.Dimensions, tablePath, plotPath, repeatRuns, repeatFraction),
                host.Knobs.Knobs.Keys.ToList(),
                knobsLine,
                new OptimizeMeter(meter.Name, LiveHost.IsEstimated(meter) ? "estimated" : "measured", meterLine),
                space.CountValid(),
                new OptimizeStudy(storedBefore, storedAfter),
                new OptimizeOffline(offline.Budget, offline.Measured, offline.Reused, offline.Trials.Count(t => t.Status == TrialStatus.Failed)),
                offline.Table.Entries.Select(e => new PlotPoint(e.Configuration.Key, e.LatencyMs, e.EnergyJ)).ToList());

            if (asJson)
            {
                Console.WriteLine(JsonSerializer.Serialize(report, CliOutput.Json));
            }
            else
            {
                CliConsole.Note(console, $"offline: {offline.Measured} configurations measured now, {offline.Reused} from the study; {offline.Table.Entries.Count} in the lookup table ({storedAfter} trials in the study)");
                Console.WriteLine();
                var table = new CliTable().Left("configuration", 40).Right("latency ms", 11).Right("energy J", 10);
                foreach (var entry in new DynaSplitScheduler(offline.Table).Ordered)
                {
                    table.Row(entry.Configuration.Key, entry.LatencyMs.ToString("F2", CultureInfo.InvariantCulture), entry.EnergyJ.ToString("F4", CultureInfo.InvariantCulture));
                }

                table.Write(console, Console.Out);
            }

            var written = await CliOutput.TryWriteAsync(tablePath, "--table-out", () => LookupTableJson.SaveAsync(offline.Table, tablePath, CancellationToken.None)).ConfigureAwait(false);
            written &= await CliOutput.TryWriteAsync(plotPath, "--plot", () =>
            {
                Draw(report, offline.Trials).Save(plotPath);
                return Task.CompletedTask;
            }).ConfigureAwait(false);
            if (!asJson)
            {
                CliConsole.Note(console, $"wrote {tablePath} and {plotPath}");
            }

            return written ? ExitCodes.Ok : ExitCodes.BadInput;
        }));
        return command;
    }

    private static Figure Draw(OptimizeReport report, IReadOnlyList<TrialRecord> trials)
    {
        var measured = trials
            .Where(t => t.Status == TrialStatus.Complete && t.Measurement is { LatencyMs: > 0, EnergyJ: > 0 })
            .Select(t => new PlotPoint(t.Configuration.Key, t.Measurement!.LatencyMs, t.Measurement.EnergyJ))
            .ToList();
        var p = report.Parameters;
        var title = string.Create(CultureInfo.InvariantCulture,
            $"{Path.GetFileName(p.Model)} on this machine: {p.Optimizer}, budget {p.Budget:P0} = {report.Offline.Budget} configurations; energy {report.Meter.Kind}");
        return SimulationPicture.CreateFront(title, measured, [], report.LookupTable.Where(e => e.LatencyMs > 0 && e.EnergyJ > 0).ToList(), "lookup table (Pareto set)", ScottPlot.Alignment.UpperLeft);
    }
}

/// <summary>`optimize --json`: the run's parameters and what it found.</summary>
internal sealed record OptimizeReport(
    string Command,
    OptimizeParameters Parameters,
    IReadOnlyList<string> Knobs,
    string KnobsFound,
    OptimizeMeter Meter,
    int SpaceConfigurations,
    OptimizeStudy Study,
    OptimizeOffline Offline,
    IReadOnlyList<PlotPoint> LookupTable);

/// <summary>The options `optimize` ran with (defaults included).</summary>
internal sealed record OptimizeParameters(
    string Model,
    double Budget,
    string Study,
    string StudyName,
    string Optimizer,
    int Seed,
    int Warmup,
    int Inferences,
    bool Knobs,
    string? Cloud,
    IReadOnlyDictionary<string, long> Dimensions,
    string TableOut,
    string Plot,
    int Repeats,
    double RepeatShare);

/// <summary>The energy meter a trial was measured with: measured (a sensor) or estimated.</summary>
internal sealed record OptimizeMeter(string Name, string Kind, string Description);

/// <summary>Trials in the study before and after the run.</summary>
internal sealed record OptimizeStudy(int TrialsBefore, int TrialsAfter);

/// <summary>The offline phase: its budget, and trials measured now, reused from the study, failed.</summary>
internal sealed record OptimizeOffline(int Budget, int Measured, int Reused, int Failed);
