using System.CommandLine;
using DynaSplit.OnnxRuntime.Extraction;

namespace DynaSplit.Cli.Commands;

/// <summary>`split MODEL --at INDEX --out DIR`: writes head.onnx and tail.onnx.</summary>
internal static class SplitCommand
{
    public static Command Create()
    {
        var model = OnnxCommandSupport.ModelArgument();
        var at = new Option<int>("--at") { HelpName = "INDEX", Description = "The split point's index (see inspect).", Required = true };
        var output = new Option<string>("--out") { HelpName = "DIR", Description = "The folder to write head.onnx and tail.onnx into.", Required = true };
        var dims = OnnxCommandSupport.DimOption();
        var command = new Command("split", """
            Write the head (edge part) and tail (cloud part) of an ONNX model at a split point, with external data files when the source has them.

            Example: dynasplit split model.onnx --at 12 --out parts
            """);
        command.Arguments.Add(model);
        command.Options.Add(at);
        command.Options.Add(output);
        command.Options.Add(dims);
        command.SetAction((parseResult, cancellationToken) => Task.FromResult(OnnxCommandSupport.Guard(() =>
        {
            using var loggers = OnnxCommandSupport.CreateLoggerFactory();
            var split = OnnxCommandSupport.Load(parseResult.GetValue(model)!, OnnxCommandSupport.ParseDimensions(parseResult.GetValue(dims)), loggers, cancellationToken);
            var parts = split.Split(parseResult.GetValue(at));
            var files = OnnxSplitWriter.Write(parts, parseResult.GetValue(output)!, cancellationToken: cancellationToken);
            foreach (var (path, name, where) in new[] { (files.HeadPath, OnnxSplitWriter.HeadFileName, "in the cloud"), (files.TailPath, OnnxSplitWriter.TailFileName, "on the edge") })
            {
                Console.WriteLine(path is null ? $"{name}: none (split {parts.Point.Index} runs everything {where})" : $"{name}: {path}{(files.ExternalData ? $" (+ {name}.data)" : string.Empty)}");
            }

            foreach (var stale in files.Removed)
            {
                Console.WriteLine($"  removed {stale} (from an earlier split)");
            }

            Console.WriteLine($"cut: {string.Join(", ", parts.Point.Tensors.Select(t => t.Name))} ({OnnxCommandSupport.FormatBytes(parts.Point.BytesPerSample)} per sample)");
            return 0;
        })));
        return command;
    }
}
