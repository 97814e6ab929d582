using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using DynaSplit.Cli.Plotting;
using DynaSplit.OnnxRuntime.Profiling;
using DynaSplit.OnnxRuntime.Verification;

namespace DynaSplit.Cli.Commands;

/// <summary>`profile MODEL [--json] [--plot FILE]`: head and tail latency and cut size of every split point on this host.</summary>
internal static class ProfileCommand
{
    public const string CommandName = "profile";

    public static Command Create()
    {
        var model = OnnxCommandSupport.ModelArgument();
        var dims = OnnxCommandSupport.DimOption();
        var warmup = new Option<int>("--warmup") { HelpName = "N", Description = "Unmeasured runs per split point.", DefaultValueFactory = _ => 2 };
        var repetitions = new Option<int>("--repetitions") { HelpName = "N", Description = "Measured runs per split point (medians are reported).", DefaultValueFactory = _ => 10 };
        var threads = new Option<int>("--threads") { HelpName = "N", Description = "Intra-op threads (0 = ONNX Runtime's default).", DefaultValueFactory = _ => 0 };
        var plot = new Option<FileInfo?>("--plot") { HelpName = "FILE", Description = "Draw head, hand-off and tail time and the cut size by split point to FILE (.png or .svg)." };
        var json = OnnxCommandSupport.JsonOption();
        var command = new Command(CommandName, """
            Measure, for every split point, the head's and tail's latency and the cut size on this host.

            Example: dynasplit profile model.onnx --repetitions 5 --plot profile.svg
            """);
        command.Arguments.Add(model);
        command.Options.Add(dims);
        command.Options.Add(warmup);
        command.Options.Add(repetitions);
        command.Options.Add(threads);
        command.Options.Add(plot);
        command.Options.Add(json);
        command.SetAction((parseResult, cancellationToken) => CliOutput.GuardAsync(async () =>
        {
            var asJson = parseResult.GetValue(json);
            var console = CliConsole.Interactive(asJson);
            var dimensions = OnnxCommandSupport.ParseDimensions(parseResult.GetValue(dims));
            var plotPath = parseResult.GetValue(plot)?.FullName;
            if (plotPath is not null)
            {
                Figure.CheckPath(plotPath, "--plot");
            }

            using var loggers = OnnxCommandSupport.CreateLoggerFactory();
            var split = await CliConsole.WithStatusAsync(console, "loading the model and probing its shapes", () =>
                Task.Run(() => OnnxCommandSupport.Load(parseResult.GetValue(model)!, dimensions, loggers, cancellationToken), cancellationToken)).ConfigureAwait(false);
            var dynamic = OnnxCommandSupport.DynamicDimensions(split.Plan, dimensions);
            var profiles = await CliConsole.WithProgressAsync(console, "profiling split points", bar => Task.Run(
                () => OnnxSplitProfiler.Profile(
                    split,
                    new OnnxProfilerOptions
                    {
                        WarmupRuns = parseResult.GetValue(warmup),
                        Repetitions = parseResult.GetValue(repetitions),
                        Dimensions = dimensions,
                        Settings = new DynaSplit.OnnxRuntime.Execution.OnnxRuntimeSessionSettings(IntraOpThreads: parseResult.GetValue(threads)),
                    },
                    new SynchronousProgress<SplitPointProgress>(p => bar.Update(p.Done, p.Total, $"profiling split points: {p.Done}/{p.Total} (index {p.Index})")),
                    cancellationToken),
                cancellationToken)).ConfigureAwait(false);

            var report = new ProfileReport(
                CommandName,
                new ProfileParameters(parseResult.GetValue(model)!, dimensions, parseResult.GetValue(warmup), parseResult.GetValue(repetitions), parseResult.GetValue(threads)),
                split.Plan.Model,
                profiles.Select(p => new ProfileReport.Point(p.Index, p.HeadLatency.TotalMilliseconds, p.TailLatency.TotalMilliseconds, p.HandoffLatency.TotalMilliseconds, p.CutBytes, p.SingleTensor)).ToList());
            if (asJson)
            {
                Console.WriteLine(JsonSerializer.Serialize(report, OnnxCommandSupport.Json));
            }
            else
            {
                if (OnnxCommandSupport.DescribeDimensions(dynamic) is { } dimensionLine)
                {
                    CliConsole.Note(console, dimensionLine);
                }

                var table = new CliTable("  ").Right("index", 5).Right("head ms", 9).Right("tail ms", 9).Right("cut", 10).Left("single");
                foreach (var p in profiles)
                {
                    table.Row(
                        p.Index.ToString(CultureInfo.InvariantCulture),
                        p.HeadLatency.TotalMilliseconds.ToString("F3", CultureInfo.InvariantCulture),
                        p.TailLatency.TotalMilliseconds.ToString("F3", CultureInfo.InvariantCulture),
                        OnnxCommandSupport.FormatBytes(p.CutBytes),
                        p.SingleTensor ? "yes" : "no");
                }

                table.Write(console, Console.Out);
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

    /// <summary>The per-split profile picture of a report.</summary>
    public static Figure Draw(ProfileReport report) => ProfilePicture.Create(
        $"{Path.GetFileName(report.Model)}: time per split point on this host (medians of {report.Parameters.Repetitions} runs)",
        report.SplitPoints.Select(p => new ProfilePicture.Point(p.Index, p.HeadMs, p.HandoffMs, p.TailMs, p.CutBytes)).ToList());
}
