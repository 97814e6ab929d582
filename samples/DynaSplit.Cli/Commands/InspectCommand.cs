using System.CommandLine;
using System.Globalization;
using System.Text.Json;

namespace DynaSplit.Cli.Commands;

/// <summary>`inspect MODEL [--json]`: a model's inputs, outputs and every split point.</summary>
internal static class InspectCommand
{
    public static Command Create()
    {
        var model = OnnxCommandSupport.ModelArgument();
        var dims = OnnxCommandSupport.DimOption();
        var json = OnnxCommandSupport.JsonOption();
        var command = new Command("inspect", "List an ONNX model's inputs, outputs and split points (cut tensors, bytes per sample, head/tail work share).");
        command.Arguments.Add(model);
        command.Options.Add(dims);
        command.Options.Add(json);
        command.SetAction((parseResult, cancellationToken) => Task.FromResult(OnnxCommandSupport.Guard(() =>
        {
            using var loggers = OnnxCommandSupport.CreateLoggerFactory();
            var split = OnnxCommandSupport.Load(parseResult.GetValue(model)!, OnnxCommandSupport.ParseDimensions(parseResult.GetValue(dims)), loggers);
            var plan = split.Plan;
            if (parseResult.GetValue(json))
            {
                Console.WriteLine(JsonSerializer.Serialize(new
                {
                    model = plan.Model,
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
                return 0;
            }

            Console.WriteLine($"model   {plan.Model}");
            foreach (var input in plan.Inputs)
            {
                Console.WriteLine($"input   {input.Name} {input.ElementType} {OnnxCommandSupport.FormatShape(input)}");
            }

            foreach (var output in plan.Outputs)
            {
                Console.WriteLine($"output  {output.Name} {output.ElementType} {OnnxCommandSupport.FormatShape(output)}");
            }

            Console.WriteLine($"{plan.SplitPoints.Count} split points (0 = all in the cloud, {plan.EdgeOnlyIndex} = all on the edge)");
            Console.WriteLine($"{"index",5}  {"single",6}  {"bytes/sample",12}  {"head work",9}  {"head params",11}  tensors");
            foreach (var p in plan.SplitPoints)
            {
                var tensors = string.Join(" ", p.Tensors.Select(t => $"{t.Name}{OnnxCommandSupport.FormatShape(t)}"));
                Console.WriteLine($"{p.Index,5}  {(p.IsSingleTensor ? "yes" : "no"),6}  {OnnxCommandSupport.FormatBytes(p.BytesPerSample),12}  {p.HeadWorkShare.ToString("P1", CultureInfo.InvariantCulture),9}  {OnnxCommandSupport.FormatBytes(p.HeadParameterBytes),11}  {tensors}");
            }

            return 0;
        })));
        return command;
    }
}
