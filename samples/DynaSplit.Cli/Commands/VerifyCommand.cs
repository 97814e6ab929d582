using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using DynaSplit.OnnxRuntime.Execution;
using DynaSplit.OnnxRuntime.Planning;
using DynaSplit.OnnxRuntime.Verification;
using DynaSplit.OpenInference.Codecs;
using Microsoft.ML.OnnxRuntime;

namespace DynaSplit.Cli.Commands;

/// <summary>
/// `verify MODEL [--at INDEX|all|A,B|all-pairs] [--pairs N] [--seed S] [--dim NAME=VALUE]... [--atol A] [--rtol R]
/// [--optimization LEVEL] [--codec fp32|fp16|int8|all] [--json]`: head then tail (one cut), or device, edge, cloud (a
/// pair of cuts) must compute what the whole model computes. Exit code 0 only when every split is within tolerance.
/// With --codec it reports instead the accuracy effect of sending the cut tensors with each codec (exit code 0).
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
        var codec = new Option<string?>("--codec") { HelpName = "fp32|fp16|int8|all", Description = "Report the accuracy effect of sending the cut tensors with this codec (or each): head, encode, decode, tail against the whole model on three seeded inputs per split index; max abs difference and top-1 agreement. Single split indices only." };
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
        command.Options.Add(codec);
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

            if (parseResult.GetValue(codec) is { } codecText)
            {
                return cutPairs is null
                    ? VerifyCodecs(split, atText, codecText, options, parseResult.GetValue(json), cancellationToken)
                    : throw new ArgumentException("--codec reports single split indices (--at INDEX or all), not pairs of cuts.");
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

    /// <summary>
    /// The accuracy effect of each codec: at each split index and on three seeded inputs, the head's float tensors are
    /// encoded and decoded as they would cross the network, the tail runs on them, and its outputs are compared with the
    /// whole model's (largest absolute difference; whether the first output's largest element is at the same place).
    /// </summary>
    private static int VerifyCodecs(OnnxSplitModel split, string atText, string codecText, OnnxVerificationOptions options, bool json, CancellationToken cancellationToken)
    {
        var codecs = string.Equals(codecText.Trim(), "all", StringComparison.OrdinalIgnoreCase) ? CutTensorCodec.All : [CutTensorCodec.Parse(codecText.Trim())];
        var last = split.Plan.EdgeOnlyIndex;
        IReadOnlyList<int> cuts = string.Equals(atText, "all", StringComparison.OrdinalIgnoreCase)
            ? Enumerable.Range(0, last + 1).ToArray()
            : int.TryParse(atText, NumberStyles.Integer, CultureInfo.InvariantCulture, out var index) && index >= 0 && index <= last
                ? [index]
                : throw new ArgumentException($"--at '{atText}': use a split index from 0 to {last}, or all.");
        using var runner = new OnnxStageRunner(split, new OnnxRuntimeOptions { OptimizationLevel = options.Settings.OptimizationLevel, SessionCacheCapacity = 4 });
        using var whole = new OnnxWholeModelRunner(split, options.Settings);
        var settings = runner.ResolveSettings(null);
        var samples = Enumerable.Range(options.Seed, 3).Select(s =>
        {
            var inputs = OnnxInputGenerator.Create(split.Plan.Inputs, new Dictionary<string, long>(options.Dimensions, StringComparer.Ordinal), s);
            return (Inputs: inputs, Expected: whole.Run(inputs));
        }).ToArray();
        var results = codecs.ToDictionary(c => c, _ => new List<(int Cut, double MaxAbs, bool Top1)>());
        foreach (var cut in cuts)
        {
            foreach (var (inputs, expected) in samples)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var head = runner.Run(0, cut, inputs, settings, cancellationToken).Outputs;
                foreach (var c in codecs)
                {
                    var crossed = head.Select(t => t.ElementType == DynaSplit.Planning.TensorElementType.Float ? CutTensorCodec.Decode(c.Encode(t), t.ElementType) : t).ToArray();
                    var outputs = runner.Run(cut, last, crossed, settings, cancellationToken).Outputs;
                    double maxAbs = 0;
                    for (var o = 0; o < expected.Count; o++)
                    {
                        var got = outputs.Single(t => t.Name == expected[o].Name).AsFloats();
                        var want = expected[o].AsFloats();
                        for (var i = 0; i < want.Length; i++)
                        {
                            maxAbs = Math.Max(maxAbs, Math.Abs(got[i] - want[i]));
                        }
                    }

                    var first = expected[0].Name;
                    results[c].Add((cut, maxAbs, ArgMax(outputs.Single(t => t.Name == first).AsFloats()) == ArgMax(expected[0].AsFloats())));
                }
            }
        }

        var rows = codecs.Select(c => new
        {
            codec = c.Name,
            splitPoints = cuts.Count,
            samples = results[c].Count,
            worstMaxAbsDiff = results[c].Max(r => r.MaxAbs),
            meanMaxAbsDiff = results[c].Average(r => r.MaxAbs),
            worstSplitIndex = results[c].MaxBy(r => r.MaxAbs).Cut,
            top1Agreement = results[c].Count(r => r.Top1) / (double)results[c].Count,
        }).ToArray();
        if (json)
        {
            Console.WriteLine(JsonSerializer.Serialize(new { codecs = rows }, new JsonSerializerOptions { WriteIndented = true }));
        }
        else
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"codec accuracy effect over {cuts.Count} split index(es) x {samples.Length} seeded inputs (seeds {options.Seed}..{options.Seed + samples.Length - 1}), against the whole model:"));
            foreach (var row in rows)
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {row.codec,-5} max abs diff worst {Format(row.worstMaxAbsDiff)} (split {row.worstSplitIndex}), mean {Format(row.meanMaxAbsDiff)}; top-1 agreement {row.top1Agreement:P1} ({results[codecs.First(c => c.Name == row.codec)].Count(r => r.Top1)}/{row.samples})"));
            }
        }

        return 0;
    }

    private static int ArgMax(ReadOnlySpan<float> values)
    {
        var best = 0;
        for (var i = 1; i < values.Length; i++)
        {
            if (values[i] > values[best])
            {
                best = i;
            }
        }

        return best;
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
