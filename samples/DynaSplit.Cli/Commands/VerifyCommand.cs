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
        var at = new Option<string>("--at") { Description = "A split index, or 'all'.", DefaultValueFactory = _ => "all" };
        var seed = new Option<int>("--seed") { Description = "Seed of the random inputs.", DefaultValueFactory = _ => 0 };
        var dims = OnnxCommandSupport.DimOption();
        var atol = new Option<double>("--atol") { Description = "Absolute tolerance.", DefaultValueFactory = _ => 1e-5 };
        var rtol = new Option<double>("--rtol") { Description = "Relative tolerance.", DefaultValueFactory = _ => 1e-4 };
        var json = OnnxCommandSupport.JsonOption();
        var command = new Command("verify", "Feed seeded random inputs through the whole model and through head then tail; every output element must satisfy |split - whole| <= atol + rtol * |whole|.");
        command.Arguments.Add(model);
        command.Options.Add(at);
        command.Options.Add(seed);
        command.Options.Add(dims);
        command.Options.Add(atol);
        command.Options.Add(rtol);
        command.Options.Add(json);
        command.SetAction((parseResult, cancellationToken) => Task.FromResult(OnnxCommandSupport.Guard(() =>
        {
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
            var split = OnnxCommandSupport.Load(parseResult.GetValue(model)!, dimensions, loggers);
            var report = OnnxSplitVerifier.Verify(split, new OnnxVerificationOptions
            {
                Indices = index is { } i ? [i] : null,
                Seed = parseResult.GetValue(seed),
                Dimensions = dimensions,
                AbsoluteTolerance = parseResult.GetValue(atol),
                RelativeTolerance = parseResult.GetValue(rtol),
            }, cancellationToken);

            if (parseResult.GetValue(json))
            {
                Console.WriteLine(JsonSerializer.Serialize(new
                {
                    model = split.Plan.Model,
                    splitPoints = report.SplitPoints.Select(p => new { index = p.Index, maxAbsDiff = p.MaxAbsDiff, maxRelDiff = p.MaxRelDiff, ok = p.Ok }),
                    ok = report.Ok,
                }, OnnxCommandSupport.Json));
            }
            else
            {
                Console.WriteLine($"{"index",5}  {"maxAbsDiff",12}  {"maxRelDiff",12}  ok");
                foreach (var p in report.SplitPoints)
                {
                    Console.WriteLine($"{p.Index,5}  {p.MaxAbsDiff.ToString("E3", CultureInfo.InvariantCulture),12}  {p.MaxRelDiff.ToString("E3", CultureInfo.InvariantCulture),12}  {(p.Ok ? "ok" : "FAIL")}");
                }

                Console.WriteLine(report.Ok
                    ? $"ok: {report.SplitPoints.Count} split point(s) within atol {parseResult.GetValue(atol)} + rtol {parseResult.GetValue(rtol)}"
                    : $"FAIL: {report.SplitPoints.Count(p => !p.Ok)} of {report.SplitPoints.Count} split point(s) out of tolerance");
            }

            return report.Ok ? 0 : 1;
        })));
        return command;
    }
}
