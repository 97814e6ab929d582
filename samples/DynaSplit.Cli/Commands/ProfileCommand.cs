using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using DynaSplit.OnnxRuntime.Profiling;

namespace DynaSplit.Cli.Commands;

/// <summary>`profile MODEL [--json]`: head and tail latency and cut size of every split point on this host.</summary>
internal static class ProfileCommand
{
    public static Command Create()
    {
        var model = OnnxCommandSupport.ModelArgument();
        var dims = OnnxCommandSupport.DimOption();
        var warmup = new Option<int>("--warmup") { Description = "Unmeasured runs per split point.", DefaultValueFactory = _ => 2 };
        var repetitions = new Option<int>("--repetitions") { Description = "Measured runs per split point (medians are reported).", DefaultValueFactory = _ => 10 };
        var threads = new Option<int>("--threads") { Description = "Intra-op threads (0 = ONNX Runtime's default).", DefaultValueFactory = _ => 0 };
        var json = OnnxCommandSupport.JsonOption();
        var command = new Command("profile", "Measure, for every split point, the head's and tail's latency and the cut size on this host.");
        command.Arguments.Add(model);
        command.Options.Add(dims);
        command.Options.Add(warmup);
        command.Options.Add(repetitions);
        command.Options.Add(threads);
        command.Options.Add(json);
        command.SetAction((parseResult, cancellationToken) => Task.FromResult(OnnxCommandSupport.Guard(() =>
        {
            var dimensions = OnnxCommandSupport.ParseDimensions(parseResult.GetValue(dims));
            using var loggers = OnnxCommandSupport.CreateLoggerFactory();
            var split = OnnxCommandSupport.Load(parseResult.GetValue(model)!, dimensions, loggers);
            var profiles = OnnxSplitProfiler.Profile(split, new OnnxProfilerOptions
            {
                WarmupRuns = parseResult.GetValue(warmup),
                Repetitions = parseResult.GetValue(repetitions),
                Dimensions = dimensions,
                Settings = new DynaSplit.OnnxRuntime.Execution.OnnxRuntimeSessionSettings(IntraOpThreads: parseResult.GetValue(threads)),
            }, cancellationToken);
            if (parseResult.GetValue(json))
            {
                Console.WriteLine(JsonSerializer.Serialize(new
                {
                    model = split.Plan.Model,
                    splitPoints = profiles.Select(p => new
                    {
                        index = p.Index,
                        headMs = p.HeadLatency.TotalMilliseconds,
                        tailMs = p.TailLatency.TotalMilliseconds,
                        handoffMs = p.HandoffLatency.TotalMilliseconds,
                        cutBytes = p.CutBytes,
                        singleTensor = p.SingleTensor,
                    }),
                }, OnnxCommandSupport.Json));
                return 0;
            }

            Console.WriteLine($"{"index",5}  {"head ms",9}  {"tail ms",9}  {"cut",10}  single");
            foreach (var p in profiles)
            {
                Console.WriteLine($"{p.Index,5}  {p.HeadLatency.TotalMilliseconds.ToString("F3", CultureInfo.InvariantCulture),9}  {p.TailLatency.TotalMilliseconds.ToString("F3", CultureInfo.InvariantCulture),9}  {OnnxCommandSupport.FormatBytes(p.CutBytes),10}  {(p.SingleTensor ? "yes" : "no")}");
            }

            return 0;
        })));
        return command;
    }
}
