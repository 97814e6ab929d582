using System.CommandLine;

namespace DynaSplit.Cli.Commands;

/// <summary>`split MODEL --at INDEX --out DIR`: writes head.onnx and tail.onnx.</summary>
internal static class SplitCommand
{
    public static Command Create()
    {
        var model = OnnxCommandSupport.ModelArgument();
        var at = new Option<int>("--at") { Description = "The split point's index (see inspect).", Required = true };
        var output = new Option<string>("--out") { Description = "The folder to write head.onnx and tail.onnx into.", Required = true };
        var dims = OnnxCommandSupport.DimOption();
        var command = new Command("split", "Write the head (edge part) and tail (cloud part) of an ONNX model at a split point, with external data files when the source has them.");
        command.Arguments.Add(model);
        command.Options.Add(at);
        command.Options.Add(output);
        command.Options.Add(dims);
        command.SetAction((parseResult, cancellationToken) => Task.FromResult(OnnxCommandSupport.Guard(() =>
        {
            using var loggers = OnnxCommandSupport.CreateLoggerFactory();
            var split = OnnxCommandSupport.Load(parseResult.GetValue(model)!, OnnxCommandSupport.ParseDimensions(parseResult.GetValue(dims)), loggers);
            var parts = split.Split(parseResult.GetValue(at));
            var directory = Path.GetFullPath(parseResult.GetValue(output)!);
            var external = split.Model.UsedExternalData;
            foreach (var (part, name) in new[] { (parts.Head, "head.onnx"), (parts.Tail, "tail.onnx") })
            {
                var path = Path.Combine(directory, name);
                if (part is null)
                {
                    Console.WriteLine($"{name}: none (split {parts.Point.Index} runs everything {(name == "head.onnx" ? "in the cloud" : "on the edge")})");

                    // A file of that name in the folder is from an earlier split and would pair wrongly with this one.
                    foreach (var stale in new[] { path, path + ".data" })
                    {
                        if (File.Exists(stale))
                        {
                            File.Delete(stale);
                            Console.WriteLine($"  removed {stale} (from an earlier split)");
                        }
                    }

                    continue;
                }

                part.Save(path, externalData: external);
                Console.WriteLine($"{name}: {path}{(external ? $" (+ {name}.data)" : string.Empty)}");
            }

            Console.WriteLine($"cut: {string.Join(", ", parts.Point.Tensors.Select(t => t.Name))} ({OnnxCommandSupport.FormatBytes(parts.Point.BytesPerSample)} per sample)");
            return 0;
        })));
        return command;
    }
}
