using System.Runtime.InteropServices;
using DynaSplit.Execution;
using DynaSplit.OnnxRuntime.Execution;
using DynaSplit.OnnxRuntime.Planning;
using DynaSplit.Planning;
using DynaSplit.Topology;

namespace DynaSplit.OnnxRuntime.Verification;

/// <summary>
/// Checks that head then tail (<see cref="Verify(OnnxSplitModel, OnnxVerificationOptions, CancellationToken)"/>), or three stages cut at a pair of cuts
/// (<see cref="VerifyPipelinesAsync"/>), compute what the whole model computes: seeded random inputs go through the
/// whole model and through every requested split, and each output element must satisfy
/// |split - whole| &lt;= atol + rtol * |whole| (NaN matches only NaN).
/// </summary>
public static class OnnxSplitVerifier
{
    /// <summary>Verifies the split points of <paramref name="model"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A requested index is not a split point.</exception>
    /// <exception cref="ArgumentException">A dimension name is not one of the model's dynamic dimensions, or a tolerance is negative or not a number.</exception>
    /// <exception cref="InvalidDataException">The model could not be run at these sizes when its shapes were learned.</exception>
    public static OnnxVerificationReport Verify(OnnxSplitModel model, OnnxVerificationOptions options, CancellationToken cancellationToken = default) =>
        Verify(model, options, progress: null, cancellationToken);

    /// <summary>Verifies the split points of <paramref name="model"/>, reporting after each one.</summary>
    /// <param name="model">The planned model.</param>
    /// <param name="options">Split points, seed, dimensions and tolerances.</param>
    /// <param name="progress">Told after each split point; null for none.</param>
    /// <param name="cancellationToken">Stops between split points and inside ONNX Runtime runs.</param>
    /// <exception cref="ArgumentOutOfRangeException">A requested index is not a split point.</exception>
    /// <exception cref="ArgumentException">A dimension name is not one of the model's dynamic dimensions, or a tolerance is negative or not a number.</exception>
    /// <exception cref="InvalidDataException">The model could not be run at these sizes when its shapes were learned.</exception>
    public static OnnxVerificationReport Verify(OnnxSplitModel model, OnnxVerificationOptions options, IProgress<SplitPointProgress>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var indices = options.Indices ?? model.Plan.SplitPoints.Select(p => p.Index).ToArray();
        foreach (var index in indices)
        {
            model.GetSplitPoint(index);
        }

        var dimensions = new Dictionary<string, long>(options.Dimensions, StringComparer.Ordinal);
        model.EnsureRunnableAt(dimensions, "verify its splits");
        var inputs = OnnxInputGenerator.Create(model.Plan.Inputs, dimensions, options.Seed);
        IReadOnlyList<TensorData> expected;
        using (var whole = new OnnxWholeModelRunner(model, options.Settings))
        {
            expected = whole.Run(inputs);
        }

        var results = new List<SplitPointVerification>(indices.Count);
        using var executor = new OnnxSplitExecutor(model);
        foreach (var index in indices)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var actual = executor.Run(index, inputs, options.Settings, cancellationToken).Outputs;
            executor.Release(index);
            results.Add(Compare(index, expected, actual, options.AbsoluteTolerance, options.RelativeTolerance));
            progress?.Report(new SplitPointProgress(results.Count, indices.Count, index));
        }

        return new OnnxVerificationReport(results);
    }

    /// <summary>
    /// Verifies the three-stage placements device [0..A], edge [A..B], cloud [B..last] of <paramref name="model"/>, one
    /// per pair of cuts, each run through a <see cref="PipelineExecutor"/> with an in-process transport per tier over one
    /// <see cref="OnnxStageRunner"/> (sessions reused across pairs up to <see cref="OnnxVerificationOptions.SessionCacheCapacity"/>).
    /// </summary>
    /// <remarks>Pairs are run in the order given; ordered by the first cut (as <see cref="CutPair.All"/> gives them), consecutive pairs share the device's session.</remarks>
    /// <exception cref="ArgumentOutOfRangeException">A cut is not a split point.</exception>
    /// <exception cref="ArgumentException">A dimension name is not one of the model's dynamic dimensions.</exception>
    public static async Task<OnnxPipelineVerificationReport> VerifyPipelinesAsync(OnnxSplitModel model, IReadOnlyList<CutPair> pairs, OnnxVerificationOptions options, IProgress<CutPairVerification>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(pairs);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var last = model.Plan.EdgeOnlyIndex;
        foreach (var pair in pairs)
        {
            if (pair.First < 0 || pair.First > pair.Second || pair.Second > last)
            {
                throw new ArgumentOutOfRangeException(nameof(pairs), pair, $"Cuts {pair} are not a pair of split points of '{model.Model.Source}': it has split points 0 to {last}, and the first cut must not be after the second.");
            }
        }

        var dimensions = new Dictionary<string, long>(options.Dimensions, StringComparer.Ordinal);
        model.EnsureRunnableAt(dimensions, "verify its pipelines");
        var inputs = OnnxInputGenerator.Create(model.Plan.Inputs, dimensions, options.Seed);
        IReadOnlyList<TensorData> expected;
        using (var whole = new OnnxWholeModelRunner(model, options.Settings))
        {
            expected = whole.Run(inputs);
        }

        using var runner = new OnnxStageRunner(model, new OnnxRuntimeOptions { SessionCacheCapacity = options.SessionCacheCapacity });
        var stages = new FixedSettingsStageRunner(runner, options.Settings);
        var tiers = SystemTopology.DeviceEdgeCloud.Tiers.Select(t => t.Name).ToArray();
        var pipeline = new PipelineExecutor(tiers.Select(t => new InProcessStageTransport(t, stages)));
        var results = new List<CutPairVerification>(pairs.Count);
        foreach (var pair in pairs)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var placement = new Placement([pair.First, pair.Second], tiers, last);
            var actual = (await pipeline.RunAsync(new PipelineRequest(placement, inputs), cancellationToken).ConfigureAwait(false)).Outputs;
            var compared = Compare(pair.Second, expected, actual, options.AbsoluteTolerance, options.RelativeTolerance);
            var result = new CutPairVerification(pair, compared.MaxAbsDiff, compared.MaxRelDiff, compared.Ok, BitEqual(expected, actual));
            results.Add(result);
            progress?.Report(result);
        }

        return new OnnxPipelineVerificationReport(results);
    }

    /// <summary>True when both lists have the same tensors (names, types, shapes) with the same bytes.</summary>
    public static bool BitEqual(IReadOnlyList<TensorData> expected, IReadOnlyList<TensorData> actual)
    {
        ArgumentNullException.ThrowIfNull(expected);
        ArgumentNullException.ThrowIfNull(actual);
        if (expected.Count != actual.Count)
        {
            return false;
        }

        for (var i = 0; i < expected.Count; i++)
        {
            var e = expected[i];
            var a = actual[i];
            if (e.Name != a.Name || e.ElementType != a.ElementType || !e.Shape.SequenceEqual(a.Shape) || !e.Data.Span.SequenceEqual(a.Data.Span))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Compares two output lists element by element.</summary>
    public static SplitPointVerification Compare(int index, IReadOnlyList<TensorData> expected, IReadOnlyList<TensorData> actual, double atol, double rtol)
    {
        ArgumentNullException.ThrowIfNull(expected);
        ArgumentNullException.ThrowIfNull(actual);
        double maxAbs = 0;
        double maxRel = 0;
        var ok = expected.Count == actual.Count;
        for (var t = 0; ok && t < expected.Count; t++)
        {
            var e = expected[t];
            var a = actual[t];
            if (e.Name != a.Name || e.ElementType != a.ElementType || !e.Shape.SequenceEqual(a.Shape))
            {
                ok = false;
                maxAbs = double.PositiveInfinity;
                maxRel = double.PositiveInfinity;
                break;
            }

            var ev = ToDoubles(e);
            var av = ToDoubles(a);
            for (var i = 0; i < ev.Length; i++)
            {
                var w = ev[i];
                var s = av[i];
                if (double.IsNaN(w) || double.IsNaN(s))
                {
                    if (double.IsNaN(w) != double.IsNaN(s))
                    {
                        ok = false;
                        maxAbs = double.PositiveInfinity;
                    }

                    continue;
                }

                var diff = w == s ? 0 : Math.Abs(s - w);
                if (double.IsNaN(diff))
                {
                    diff = double.PositiveInfinity;
                }

                maxAbs = Math.Max(maxAbs, diff);
                if (w != 0)
                {
                    maxRel = Math.Max(maxRel, diff / Math.Abs(w));
                }

                if (diff > atol + (rtol * Math.Abs(w)))
                {
                    ok = false;
                }
            }
        }

        return new SplitPointVerification(index, maxAbs, maxRel, ok);
    }

    private static double[] ToDoubles(TensorData tensor)
    {
        var span = tensor.Data.Span;
        return tensor.ElementType switch
        {
            TensorElementType.Float => Convert(MemoryMarshal.Cast<byte, float>(span), v => v),
            TensorElementType.Double => MemoryMarshal.Cast<byte, double>(span).ToArray(),
            TensorElementType.Float16 => Convert(MemoryMarshal.Cast<byte, Half>(span), v => (double)v),
            TensorElementType.BFloat16 => Convert(MemoryMarshal.Cast<byte, ushort>(span), v => BitConverter.UInt32BitsToSingle((uint)v << 16)),
            TensorElementType.Int64 => Convert(MemoryMarshal.Cast<byte, long>(span), v => v),
            TensorElementType.UInt64 => Convert(MemoryMarshal.Cast<byte, ulong>(span), v => v),
            TensorElementType.Int32 => Convert(MemoryMarshal.Cast<byte, int>(span), v => v),
            TensorElementType.UInt32 => Convert(MemoryMarshal.Cast<byte, uint>(span), v => v),
            TensorElementType.Int16 => Convert(MemoryMarshal.Cast<byte, short>(span), v => v),
            TensorElementType.UInt16 => Convert(MemoryMarshal.Cast<byte, ushort>(span), v => v),
            TensorElementType.Int8 => Convert(MemoryMarshal.Cast<byte, sbyte>(span), v => v),
            TensorElementType.UInt8 or TensorElementType.Bool => Convert(span, v => v),
            _ => throw new NotSupportedException($"Output '{tensor.Name}' has element type {tensor.ElementType}, which the verifier does not compare."),
        };
    }

    private static double[] Convert<T>(ReadOnlySpan<T> values, Func<T, double> convert)
    {
        var result = new double[values.Length];
        for (var i = 0; i < values.Length; i++)
        {
            result[i] = convert(values[i]);
        }

        return result;
    }
}
