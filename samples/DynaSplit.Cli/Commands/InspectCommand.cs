using System.CommandLine;
using System.Globalization;
using System.Text.Json;

namespace DynaSplit.Cli.Commands;

/// <summary>`inspect MODEL [--json]`: a model's inputs, outputs and every split point.</summary>
internal static class InspectCommand
{
    /// <summary>What the split-point table's columns mean, printed under it.</summary>
    public static readonly string[] Legend =
    [
        "index        the split point: 0 runs everything in the cloud, the last runs everything on the edge",
        "single       yes when one tensor crosses the cut (a multi-tensor cut sends several)",
        "bytes/sample size of the tensors crossing the cut, per sample",
        "head work    the head's share of the model's multiply-adds (what the edge computes)",
        "head params  weights the head holds (what the edge loads)",
        "tensors      the tensors crossing the cut, with their shapes",
    ];

    public static Command Create()
    {
        var model = OnnxCommandSupport.ModelArgument();
        var dims = OnnxCommandSupport.DimOption();
        var json = OnnxCommandSupport.JsonOption();
        var command = new Command("inspect", """
            List an ONNX model's inputs, outputs and split points (cut tensors, bytes per sample, head/tail work share).

            Example: dynasplit inspect model.onnx --dim N=1 --dim height=640 --dim width=640
            """);
        command.Arguments.Add(model);
        command.Options.Add(dims);
        command.Options.Add(json);
        command.SetAction((parseResult, cancellationToken) => CliOutput.GuardAsync(async () =>
        {
            var asJson = parseResult.GetValue(json);
            var console = CliConsole.Interactive(asJson);
            var given = OnnxCommandSupport.ParseDimensions(parseResult.GetValue(dims));
            using var loggers = OnnxCommandSupport.CreateLoggerFactory();
            var split = await CliConsole.WithStatusAsync(console, "loading the model and probing its shapes", () =>
                Task.Run(() => OnnxCommandSupport.Load(parseResult.GetValue(model)!, given, loggers, cancellationToken), cancellationToken)).ConfigureAwait(false);
            var plan = split.Plan;
            var dynamic = OnnxCommandSupport.DynamicDimensions(plan, given);
            if (asJson)
            {
                Console.WriteLine(JsonSerializer.Serialize(new
                {
                    command = "inspect",
                    parameters = new { model = parseResult.GetValue(model), dimensions = given },
                    model = plan.Model,
                    dynamicDimensions = dynamic.Select(d => new { name = d.Name, value = d.Value, given = d.Given }),
                    inputs = plan.Inputs.Select(OnnxCommandSupport.Describe),
                    outputs = plan.Outputs.Select(OnnxCommandSupport.Describe),
                    splitPoints = plan.SplitPoints.Select(p => new
                    {
                        index = p.Index,
                        tensors = p.Tensors.Select(OnnxCommandSupport.Describe),
                        bytesPerSample = p.BytesPerSample,
                        singleTensor = p.IsSingleTensor,
                        headWorkShare = p.HeadWorkShare,
                        headFlops = p.HeadFlops,
                        tailFlops = p.TailFlops,
                        headParameterBytes = p.HeadParameterBytes,
                        tailParameterBytes = p.TailParameterBytes,
                        lastHeadNode = p.LastHeadNode,
                    }),
                }, OnnxCommandSupport.Json));
                return ExitCodes.Ok;
            }

            CliConsole.Note(console, $"model   {plan.Model}");
            foreach (var input in plan.Inputs)
            {
                CliConsole.Note(console, $"input   {input.Name} {input.ElementType} {OnnxCommandSupport.FormatShape(input)}");
            }

            foreach (var output in plan.Outputs)
            {
                CliConsole.Note(console, $"output  {output.Name} {output.ElementType} {OnnxCommandSupport.FormatShape(output)}");
            }

            if (OnnxCommandSupport.DescribeDimensions(dynamic) is { } dimensionLine)
            {
                CliConsole.Note(console, dimensionLine);
            }

            CliConsole.Note(console, $"{plan.SplitPoints.Count} split points (0 = all in the cloud, {plan.EdgeOnlyIndex} = all on the edge)");
            var table = new CliTable("  ").Right("index", 5).Right("single", 6).Right("bytes/sample", 12).Right("head work", 9).Right("head params", 11).Left("tensors");
            foreach (var p in plan.SplitPoints)
            {
                table.Row(
                    p.Index.ToString(CultureInfo.InvariantCulture),
                    p.IsSingleTensor ? "yes" : "no",
                    OnnxCommandSupport.FormatBytes(p.BytesPerSample),
                    p.HeadWorkShare.ToString("P1", CultureInfo.InvariantCulture),
                    OnnxCommandSupport.FormatBytes(p.HeadParameterBytes),
                    string.Join(" ", p.Tensors.Select(t => $"{t.Name}{OnnxCommandSupport.FormatShape(t)}")));
            }

            table.Write(console, Console.Out);
            Console.WriteLine();
            foreach (var line in Legend)
            {
                CliConsole.Note(console, line);
            }

            return ExitCodes.Ok;
        }));
        return command;
    }
}
