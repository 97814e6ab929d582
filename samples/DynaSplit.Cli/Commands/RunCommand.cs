using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using DynaSplit.Cli.Plotting;
using DynaSplit.DependencyInjection;
using DynaSplit.Energy;
using DynaSplit.Online;
using DynaSplit.Scheduling;
using DynaSplit.Spaces;
using Microsoft.Extensions.DependencyInjection;

namespace DynaSplit.Cli.Commands;

/// <summary>
/// `run --table FILE MODEL [--requests FILE|-]`: the online phase live. Each request (a latency threshold, optionally
/// an input seed) is scheduled on the lookup table, the knobs are set when the choice changes, and the model runs
/// split there (tail in process, or on a `serve` server with --cloud), inside the energy meter's window. One line per
/// request, then a summary: QoS share, energy, the configurations used and how often the system switched.
/// </summary>
internal static class RunCommand
{
    public static Command Create()
    {
        var live = new LiveOptions.Set();
        var table = new Option<FileInfo>("--table") { HelpName = "FILE", Description = "The lookup table (JSON) the offline phase wrote, for example by 'dynasplit optimize'.", Required = true };
        var requests = new Option<string>("--requests") { HelpName = "FILE|-", Description = "Requests, one per line: a latency threshold in ms and optionally an input seed ('250' or '250,7'); '-' reads standard input.", DefaultValueFactory = _ => "-" };
        var plot = new Option<FileInfo?>("--plot") { HelpName = "FILE", Description = "Draw latency against threshold, energy and the chosen split per request over time to FILE (.png or .svg)." };
        var json = new Option<bool>("--json") { Description = "Print the run's parameters, every request and the summary as JSON (nothing else on stdout)." };
        var command = new Command("run", """
            Serve requests through the online phase on this machine: schedule each on the lookup table, set the knobs, run the split model, and report per request and in a summary.

            Example: printf '40\n15\n120,7\n' | dynasplit run --table study.table.json squeezenet1_1.onnx
            """);
        live.AddTo(command);
        foreach (var option in new Option[] { table, requests, plot, json })
        {
            command.Options.Add(option);
        }

        command.SetAction((result, cancellationToken) => CliOutput.GuardAsync(async () =>
        {
            var options = live.Read(result);
            var tablePath = result.GetValue(table)!.FullName;
            var lookup = LookupTableJson.Load(tablePath);
            var source = result.GetValue(requests)!;
            if (source != "-" && !File.Exists(source))
            {
                throw new FileNotFoundException($"--requests '{source}' does not exist; give a file of thresholds (one per line) or '-' for standard input.");
            }

            var plotPath = result.GetValue(plot)?.FullName;
            if (plotPath is not null)
            {
                Figure.CheckPath(plotPath, "--plot");
            }

            var asJson = result.GetValue(json);
            var console = CliConsole.Interactive(asJson);
            await using var host = await CliConsole.WithStatusAsync(console, "loading the model and looking for knobs and meters", () =>
                LiveHost.StartAsync(options, dynasplit => dynasplit.UseLookupTable(lookup), cancellationToken)).ConfigureAwait(false);
            // The table against the model's content and split points; resolving the runtime checks them again, and the knobs.
            TableBinding.Verify(lookup, host.Plan, $"The lookup table {tablePath}");
            var runtime = host.Services.GetRequiredService<DynaSplitRuntime>();
            var meter = host.Meter();
            var warmed = await host.WarmAsync(lookup.Entries.Select(e => e.Configuration), cancellationToken).ConfigureAwait(false);
            var entries = lookup.Entries.ToDictionary(e => e.Configuration);
            if (!asJson)
            {
                CliConsole.Note(console, $"table: {tablePath} ({lookup.Entries.Count} entries); model: {Path.GetFileName(options.ModelPath)}; tail {(options.Cloud is null ? "in this process" : $"on {options.Cloud}")}");
                CliConsole.Note(console, host.DescribeKnobs());
                CliConsole.Note(console, host.DescribeMeter(meter));
                CliConsole.Note(console, $"warm-up: one unmeasured inference of each of the table's {warmed} configurations (no knob changed)");
                Console.WriteLine();
                Console.WriteLine($"{"request",7} {"threshold ms",12} {"configuration",-40} {"latency ms",10} {"QoS",6} {"energy J",9} {"switch ms",9}");
            }

            var served = new List<RunRequest>();
            var clock = Stopwatch.StartNew();
            Configuration? previous = null;
            var switches = 0;
            using var reader = source == "-" ? Console.In : new StreamReader(source);
            await foreach (var request in RequestFile.ReadAsync(reader, source == "-" ? "standard input" : source, cancellationToken).ConfigureAwait(false))
            {
                var start = clock.Elapsed.TotalSeconds;
                var inputs = host.Input(request.Seed);
                var (answer, energy) = await meter.MeasureAsync(
                    async ct => await runtime.RunAsync(new InferenceRequest(request.ThresholdMs), inputs, ct).ConfigureAwait(false),
                    cancellationToken).ConfigureAwait(false);
                var switched = previous is not null && !previous.Equals(answer.Configuration);
                switches += switched ? 1 : 0;
                previous = answer.Configuration;
                entries.TryGetValue(answer.Configuration, out var entry);
                var row = new RunRequest(
                    served.Count,
                    request.Line,
                    request.ThresholdMs,
                    request.Seed,
                    start,
                    answer.Configuration.Key,
                    (int?)answer.Configuration.GetByRole(ParameterRole.SplitPoint),
                    answer.LatencyMs,
                    answer.SwitchMs,
                    answer.MetThreshold,
                    energy.Joules,
                    entry?.LatencyMs,
                    entry?.EnergyJ,
                    switched);
                served.Add(row);
                if (!asJson)
                {
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"{row.Index,7} {row.ThresholdMs,12:F1} {row.Configuration,-40} {row.LatencyMs,10:F2} {(row.Met ? "met" : "missed"),6} {row.EnergyJ,9:F4} {row.SwitchMs,9:F2}"));
                }
            }

            if (served.Count == 0)
            {
                throw new ArgumentException($"--requests {source}: no request (each line: a latency threshold in ms, optionally ',SEED').");
            }

            var summary = new RunSummary(
                served.Count,
                served.Count(r => r.Met) / (double)served.Count,
                served.Average(r => r.LatencyMs),
                served.Average(r => r.EnergyJ),
                served.Sum(r => r.EnergyJ),
                LiveHost.IsEstimated(meter) ? "estimated" : "measured",
                served.GroupBy(r => r.Configuration).Select(g => new RunConfigurationUse(g.Key, g.Count(), g.Count(r => r.Met), g.Average(r => r.LatencyMs), g.Average(r => r.EnergyJ))).OrderByDescending(u => u.Requests).ToList(),
                switches,
                served.Sum(r => r.SwitchMs));
            var report = new RunReport(
                "run",
                new RunParameters(tablePath, options.ModelPath, source, options.UseKnobs, options.Cloud?.ToString(), options.Dimensions, plotPath),
                new OptimizeMeter(meter.Name, summary.EnergyKind, host.DescribeMeter(meter)),
                served,
                summary);
            if (asJson)
            {
                Console.WriteLine(JsonSerializer.Serialize(report, CliOutput.Json));
            }
            else
            {
                var inv = CultureInfo.InvariantCulture;
                Console.WriteLine();
                CliConsole.Note(console, string.Create(inv,
                    $"served {summary.Requests} requests: QoS met {summary.QosMet:P1}, mean latency {summary.MeanLatencyMs:F2} ms, energy {summary.MeanEnergyJ:F4} J per request ({summary.TotalEnergyJ:F3} J in all, {summary.EnergyKind}), {summary.Switches} switches of configuration ({summary.SwitchMs:F1} ms setting knobs)"));
                var uses = new CliTable().Left("configuration", 40).Right("requests", 9).Right("QoS met", 8).Right("latency ms", 11).Right("energy J", 10);
                foreach (var use in summary.Configurations)
                {
                    uses.Row(use.Configuration, use.Requests.ToString(inv), ((double)use.Met / use.Requests).ToString("P1", inv), use.MeanLatencyMs.ToString("F2", inv), use.MeanEnergyJ.ToString("F4", inv));
                }

                uses.Write(console, Console.Out);
            }

            if (plotPath is not null)
            {
                var written = await CliOutput.TryWriteAsync(plotPath, "--plot", () =>
                {
                    var points = served.Select(r => new TimelinePoint(r.StartSeconds, r.Split ?? 0, r.LatencyMs, r.ThresholdMs, r.EnergyJ, r.Met)).ToList();
                    TimelinePicture.Create(
                        $"{Path.GetFileName(options.ModelPath)}: {served.Count} requests served live (energy {summary.EnergyKind})",
                        bandwidth: null,
                        [new TimelineSeries("dynasplit (live)", points)]).Save(plotPath);
                    return Task.CompletedTask;
                }).ConfigureAwait(false);
                return written ? ExitCodes.Ok : ExitCodes.BadInput;
            }

            return ExitCodes.Ok;
        }));
        return command;
    }
}

/// <summary>`run --json`: the run's parameters, every request and the summary.</summary>
internal sealed record RunReport(string Command, RunParameters Parameters, OptimizeMeter Meter, IReadOnlyList<RunRequest> Requests, RunSummary Summary);

/// <summary>The options `run` ran with.</summary>
internal sealed record RunParameters(string Table, string Model, string Requests, bool Knobs, string? Cloud, IReadOnlyDictionary<string, long> Dimensions, string? Plot);

/// <summary>One served request.</summary>
internal sealed record RunRequest(
    int Index,
    int Line,
    double ThresholdMs,
    int Seed,
    double StartSeconds,
    string Configuration,
    int? Split,
    double LatencyMs,
    double SwitchMs,
    bool Met,
    double EnergyJ,
    double? TableLatencyMs,
    double? TableEnergyJ,
    bool Switched);

/// <summary>The run in figures.</summary>
internal sealed record RunSummary(
    int Requests,
    double QosMet,
    double MeanLatencyMs,
    double MeanEnergyJ,
    double TotalEnergyJ,
    string EnergyKind,
    IReadOnlyList<RunConfigurationUse> Configurations,
    int Switches,
    double SwitchMs);

/// <summary>How often one configuration served, and how.</summary>
internal sealed record RunConfigurationUse(string Configuration, int Requests, int Met, double MeanLatencyMs, double MeanEnergyJ);
