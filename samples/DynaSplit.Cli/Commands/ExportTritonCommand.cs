using System.CommandLine;
using DynaSplit.Serving.Models;

namespace DynaSplit.Cli.Commands;

/// <summary>
/// `export-triton MODEL --out DIR [--name N] [--cut K]... [--max-batch-size B]`: writes a Triton model repository with
/// one model per tail (the names `dynasplit serve` uses), so the same tails run on Triton or KServe.
/// </summary>
internal static class ExportTritonCommand
{
    public static Command Create()
    {
        var model = OnnxCommandSupport.ModelArgument();
        var output = new Option<string>("--out") { HelpName = "DIR", Description = "The repository directory to write.", Required = true };
        var name = new Option<string?>("--name") { HelpName = "NAME", Description = "The model's served name (default: the file name)." };
        var cuts = new Option<int[]>("--cut") { HelpName = "CUT", Description = "Cut points to export (repeatable; default: every tail).", Arity = ArgumentArity.ZeroOrMore };
        var maxBatch = new Option<int>("--max-batch-size") { HelpName = "N", Description = "Triton's max_batch_size (0 keeps full shapes).", DefaultValueFactory = _ => 0 };
        var dims = OnnxCommandSupport.DimOption();
        var command = new Command("export-triton", """
            Write a Triton model repository: one model per tail (NAME.k-LAST/1/model.onnx with config.pbtxt), served under the names `dynasplit serve` uses.

            Example: dynasplit export-triton model.onnx --out model-repository --cut 12 --cut 30
            """);
        command.Arguments.Add(model);
        command.Options.Add(output);
        command.Options.Add(name);
        command.Options.Add(cuts);
        command.Options.Add(maxBatch);
        command.Options.Add(dims);
        command.SetAction((parseResult, cancellationToken) => Task.FromResult(OnnxCommandSupport.Guard(() =>
        {
            using var loggers = OnnxCommandSupport.CreateLoggerFactory();
            var path = parseResult.GetValue(model)!;
            var split = OnnxCommandSupport.Load(path, OnnxCommandSupport.ParseDimensions(parseResult.GetValue(dims)), loggers);
            var catalog = new ServedModelCatalog(split, parseResult.GetValue(name) ?? Path.GetFileNameWithoutExtension(path));
            var selected = parseResult.GetValue(cuts) is { Length: > 0 } chosen ? chosen : null;
            var written = TritonModelRepository.Write(catalog, parseResult.GetValue(output)!, selected, parseResult.GetValue(maxBatch));
            Console.WriteLine($"wrote {written.Count} Triton model(s) to {Path.GetFullPath(parseResult.GetValue(output)!)} ({catalog.Name}.k-{catalog.LastCut})");
            return 0;
        })));
        return command;
    }
}
