using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using DynaSplit.OnnxRuntime.Verification;

namespace DynaSplit.Cli.Commands;

/// <summary>
/// `verify MODEL [--at INDEX|all] [--seed S] [--dim NAME=VALUE]... [--atol A] [--rtol R] [--json]`: head then tail
/// must compute what the whole model computes. Exit code 0 only when every split point is within tolerance.
/// </summary>
internal static class VerifyCommand
{
    public static Command Create()
    {
        var model = OnnxCommandSupport.ModelArgument();
        var at = new Option<string>("--at") { HelpName = "INDEX|all", Description = "A split index, or 'all'.", DefaultValueFactory = _ => "all" };
        var seed = new Option<int>("--seed") { HelpName = "S", Description = "Seed of the random inputs.", DefaultValueFactory = _ => 0 };
        var dims = OnnxCommandSupport.DimOption();
        var atol = new Option<double>("--atol") { HelpName = "A", Description = "Absolute tolerance.", DefaultValueFactory = _ => 1e-5 };
        var rtol = new Option<double>("--rtol") { HelpName = "R", Description = "Relative tolerance.", DefaultValueFactory = _ => 1e-4 };
        var json = OnnxCommandSupport.JsonOption();
        var command = new Command("verify", """
            Feed seeded random inputs through the whole model and through head then tail; every output element must satisfy |split - whole| <= atol + rtol * |whole|. Exit code 1 when a split point is out of tolerance.

            Example: dynasplit verify model.onnx --at all --atol 1e-4
            """);
        command.Arguments.Add(model);
        command.Options.Add(at);
        command.Options.Add(seed);
        command.Options.Add(dims);
        command.Options.Add(atol);
        command.Options.Add(rtol);
        command.Options.Add(json);
        command.SetAction((parseResult, cancellationToken) => CliOutput.GuardAsync(async () =>
        {
            var asJson = parseResult.GetValue(json);
            var console = CliConsole.Interactive(asJson);
            var dimensions = OnnxCommandSupport.ParseDimensions(parseResult.GetValue(dims));
            var atText = parseResult.GetValue(at) ?? "all";
            int? index = null;
            if (!string.Equals(atText, "all", StringComparison.OrdinalIgnoreCase))
            {
                index = int.TryParse(atText, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var parsed)
                    ? parsed
                    : throw new ArgumentException($"--at '{atText}' is neither a split index nor 'all'.");
            }

            using var loggers = OnnxCommandSupport.CreateLoggerFactory();
            var split = await CliConsole.WithStatusAsync(console, "loading the model and probing its shapes", () =>
                Task.Run(() => OnnxCommandSupport.Load(parseResult.GetValue(model)!, dimensions, loggers), cancellationToken)).ConfigureAwait(false);
            var dynamic = OnnxCommandSupport.DynamicDimensions(split.Plan, dimensions);
            var report = await CliConsole.WithProgressAsync(console, "verifying split points", bar => Task.Run(
                () => OnnxSplitVerifier.Verify(
                    split,
                    new OnnxVerificationOptions
                    {
                        Indices = index is { } i ? [i] : null,
                        Seed = parseResult.GetValue(seed),
                        Dimensions = dimensions,
                        AbsoluteTolerance = parseResult.GetValue(atol),
                        RelativeTolerance = parseResult.GetValue(rtol),
                    },
                    new SynchronousProgress<SplitPointProgress>(p => bar.Update(p.Done, p.Total, $"verifying split points: {p.Done}/{p.Total} (index {p.Index})")),
                    cancellationToken),
                cancellationToken)).ConfigureAwait(false);

            if (asJson)
            {
                Console.WriteLine(JsonSerializer.Serialize(new
                {
                    command = "verify",
                    parameters = new
                    {
                        model = parseResult.GetValue(model),
                        at = atText,
                        seed = parseResult.GetValue(seed),
                        dimensions,
                        atol = parseResult.GetValue(atol),
                        rtol = parseResult.GetValue(rtol),
                    },
                    dynamicDimensions = dynamic.Select(d => new { name = d.Name, value = d.Value, given = d.Given }),
                    model = split.Plan.Model,
                    splitPoints = report.SplitPoints.Select(p => new { index = p.Index, maxAbsDiff = p.MaxAbsDiff, maxRelDiff = p.MaxRelDiff, ok = p.Ok }),
                    ok = report.Ok,
                }, OnnxCommandSupport.Json));
            }
            else
            {
                if (OnnxCommandSupport.DescribeDimensions(dynamic) is { } dimensionLine)
                {
                    CliConsole.Note(console, dimensionLine);
                }

                var table = new CliTable("  ").Right("index", 5).Right("maxAbsDiff", 12).Right("maxRelDiff", 12).Left("ok");
                foreach (var p in report.SplitPoints)
                {
                    table.Row(
                        p.Index.ToString(CultureInfo.InvariantCulture),
                        p.MaxAbsDiff.ToString("E3", CultureInfo.InvariantCulture),
                        p.MaxRelDiff.ToString("E3", CultureInfo.InvariantCulture),
                        p.Ok ? "ok" : "FAIL");
                }

                table.Write(console, Console.Out);

                Console.WriteLine(report.Ok
                    ? $"ok: {report.SplitPoints.Count} split point(s) within atol {parseResult.GetValue(atol)} + rtol {parseResult.GetValue(rtol)}"
                    : $"FAIL: {report.SplitPoints.Count(p => !p.Ok)} of {report.SplitPoints.Count} split point(s) out of tolerance");
            }

            return report.Ok ? ExitCodes.Ok : ExitCodes.OutOfTolerance;
        }));
        return command;
    }
}
