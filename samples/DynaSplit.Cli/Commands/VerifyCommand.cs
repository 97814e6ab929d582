using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using DynaSplit.OnnxRuntime.Execution;
using DynaSplit.OnnxRuntime.Planning;
using DynaSplit.OnnxRuntime.Verification;
using Microsoft.ML.OnnxRuntime;

namespace DynaSplit.Cli.Commands;

/// <summary>
/// `verify MODEL [--at INDEX|all|A,B|all-pairs] [--pairs N] [--seed S] [--dim NAME=VALUE]... [--atol A] [--rtol R]
/// [--optimization LEVEL] [--json]`: head then tail (one cut), or device, edge, cloud (a pair of cuts) must compute what
/// the whole model computes. Exit code 0 only when every split is within tolerance.
/// </summary>
internal static class VerifyCommand
{
    public static Command Create()
    {
        var model = OnnxCommandSupport.ModelArgument();
        var at = new Option<string>("--at") { HelpName = "INDEX|all|A,B|all-pairs", Description = "A split index, 'all' (every split index), a pair of cuts A,B (three stages: device [0..A], edge [A..B], cloud [B..last]), or 'all-pairs' (every pair A <= B; for small models).", DefaultValueFactory = _ => "all" };
        var pairs = new Option<int?>("--pairs") { HelpName = "N", Description = "Verify a seeded sample of N pairs of cuts (drawn with --seed) instead of --at." };
        var seed = new Option<int>("--seed") { HelpName = "S", Description = "Seed of the random inputs and of the --pairs sample.", DefaultValueFactory = _ => 0 };
        var dims = OnnxCommandSupport.DimOption();
        var atol = new Option<double>("--atol") { HelpName = "A", Description = "Absolute tolerance.", DefaultValueFactory = _ => 1e-5 };
        var rtol = new Option<double>("--rtol") { HelpName = "R", Description = "Relative tolerance.", DefaultValueFactory = _ => 1e-4 };
        var optimization = new Option<string>("--optimization")
        {
            HelpName = "LEVEL",
            Description = "ONNX Runtime graph optimization level of the whole model and the parts: disable, basic, extended or all. Fusions across a cut (a Conv and its BatchNormalization) cannot happen in the parts, so only 'disable' makes such models bit-equal.",
            DefaultValueFactory = _ => "all",
        };
        var sessions = new Option<int?>("--session-cache") { HelpName = "N", Description = "Segment sessions kept between pairs (default: the model's split points + 3 for all-pairs, 8 otherwise)." };
        var json = OnnxCommandSupport.JsonOption();
        var command = new Command("verify", """
            Feed seeded random inputs through the whole model and through its parts (head then tail, or three stages at a pair of cuts); every output element must satisfy |split - whole| <= atol + rtol * |whole|. Exit code 1 when a split point is out of tolerance.

            Example: dynasplit verify model.onnx --at all --atol 1e-4
            """);
        command.Arguments.Add(model);
        command.Options.Add(at);
        command.Options.Add(pairs);
        command.Options.Add(seed);
        command.Options.Add(dims);
        command.Options.Add(atol);
        command.Options.Add(rtol);
        command.Options.Add(optimization);
        command.Options.Add(sessions);
        command.Options.Add(json);
        command.SetAction((parseResult, cancellationToken) => CliOutput.GuardAsync(async () =>
        {
            var dimensions = OnnxCommandSupport.ParseDimensions(parseResult.GetValue(dims));
            var atText = (parseResult.GetValue(at) ?? "all").Trim();
            var sample = parseResult.GetValue(pairs);
            if (sample is < 1)
            {
                throw new ArgumentException($"--pairs {sample}: the number of pairs to sample must be at least 1.");
            }

            var options = new OnnxVerificationOptions
            {
                Seed = parseResult.GetValue(seed),
                Dimensions = dimensions,
                AbsoluteTolerance = parseResult.GetValue(atol),
                RelativeTolerance = parseResult.GetValue(rtol),
                Settings = new OnnxRuntimeSessionSettings(OptimizationLevel: ParseOptimization(parseResult.GetValue(optimization))),
            };

            using var loggers = OnnxCommandSupport.CreateLoggerFactory();
            var split = OnnxCommandSupport.Load(parseResult.GetValue(model)!, dimensions, loggers, cancellationToken);
            var last = split.Plan.EdgeOnlyIndex;
            IReadOnlyList<CutPair>? cutPairs = null;
            if (sample is { } count)
            {
                cutPairs = CutPair.Sample(last, count, options.Seed);
            }
            else if (string.Equals(atText, "all-pairs", StringComparison.OrdinalIgnoreCase))
            {
                cutPairs = CutPair.All(last);
                options.SessionCacheCapacity = split.Plan.SplitPoints.Count + 3;
            }
            else if (atText.Contains(',', StringComparison.Ordinal))
            {
                cutPairs = [CutPair.Parse(atText)];
            }

            if (parseResult.GetValue(sessions) is { } capacity)
            {
                options.SessionCacheCapacity = capacity >= 1 ? capacity : throw new ArgumentException($"--session-cache {capacity}: keep at least 1 session.");
            }
            else if (cutPairs is not null && options.SessionCacheCapacity == OnnxRuntimeOptions.DefaultSessionCacheCapacity)
            {
                options.SessionCacheCapacity = 8;
            }

            return cutPairs is null
                ? VerifySplitPoints(split, atText, options, parseResult.GetValue(json), cancellationToken)
                : await VerifyPairsAsync(split, cutPairs, options, parseResult.GetValue(json), cancellationToken).ConfigureAwait(false);
        }));
        return command;
    }

    private static int VerifySplitPoints(OnnxSplitModel split, string atText, OnnxVerificationOptions options, bool json, CancellationToken cancellationToken)
    {
        if (!string.Equals(atText, "all", StringComparison.OrdinalIgnoreCase))
        {
            options.Indices = int.TryParse(atText, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var parsed)
                ? [parsed]
                : throw new ArgumentException($"--at '{atText}' is neither a split index, 'all', a pair of cuts A,B nor 'all-pairs'.");
        }

        var report = OnnxSplitVerifier.Verify(split, options, cancellationToken);
        if (json)
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
                Console.WriteLine($"{p.Index,5}  {Format(p.MaxAbsDiff),12}  {Format(p.MaxRelDiff),12}  {(p.Ok ? "ok" : "FAIL")}");
            }

            Console.WriteLine(report.Ok
                ? $"ok: {report.SplitPoints.Count} split point(s) within atol {options.AbsoluteTolerance} + rtol {options.RelativeTolerance}"
                : $"FAIL: {report.SplitPoints.Count(p => !p.Ok)} of {report.SplitPoints.Count} split point(s) out of tolerance");
        }

        return report.Ok ? 0 : 1;
    }

    private static async Task<int> VerifyPairsAsync(OnnxSplitModel split, IReadOnlyList<CutPair> pairs, OnnxVerificationOptions options, bool json, CancellationToken cancellationToken)
    {
        var report = await OnnxSplitVerifier.VerifyPipelinesAsync(split, pairs, options, progress: null, cancellationToken).ConfigureAwait(false);
        if (json)
        {
            Console.WriteLine(JsonSerializer.Serialize(new
            {
                model = split.Plan.Model,
                pairs = report.Pairs.Select(p => new { first = p.Cuts.First, second = p.Cuts.Second, maxAbsDiff = p.MaxAbsDiff, maxRelDiff = p.MaxRelDiff, bitEqual = p.BitEqual, ok = p.Ok }),
                bitEqual = report.BitEqual,
                ok = report.Ok,
            }, OnnxCommandSupport.Json));
        }
        else
        {
            Console.WriteLine($"{"cuts",9}  {"maxAbsDiff",12}  {"maxRelDiff",12}  {"bits",5}  ok");
            foreach (var p in report.Pairs)
            {
                Console.WriteLine($"{p.Cuts,9}  {Format(p.MaxAbsDiff),12}  {Format(p.MaxRelDiff),12}  {(p.BitEqual ? "equal" : "diff"),5}  {(p.Ok ? "ok" : "FAIL")}");
            }

            var maxAbs = report.Pairs.Count == 0 ? 0 : report.Pairs.Max(p => p.MaxAbsDiff);
            Console.WriteLine(report.Ok
                ? $"ok: {report.Pairs.Count} pair(s) of cuts (device, edge, cloud) within atol {options.AbsoluteTolerance} + rtol {options.RelativeTolerance}; {report.Pairs.Count(p => p.BitEqual)} bit-equal to the whole model; max abs diff {Format(maxAbs)}"
                : $"FAIL: {report.Pairs.Count(p => !p.Ok)} of {report.Pairs.Count} pair(s) of cuts out of tolerance; max abs diff {Format(maxAbs)}");
        }

        return report.Ok ? 0 : 1;
    }

    private static GraphOptimizationLevel ParseOptimization(string? text) => text?.Trim().ToLowerInvariant() switch
    {
        "disable" or "none" => GraphOptimizationLevel.ORT_DISABLE_ALL,
        "basic" => GraphOptimizationLevel.ORT_ENABLE_BASIC,
        "extended" => GraphOptimizationLevel.ORT_ENABLE_EXTENDED,
        "all" or null => GraphOptimizationLevel.ORT_ENABLE_ALL,
        _ => throw new ArgumentException($"--optimization '{text}' is not a level: use disable, basic, extended or all."),
    };

    private static string Format(double value) => value.ToString("E3", CultureInfo.InvariantCulture);
}
