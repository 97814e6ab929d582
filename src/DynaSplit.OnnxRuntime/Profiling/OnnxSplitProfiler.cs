using DynaSplit.OnnxRuntime.Execution;
using DynaSplit.OnnxRuntime.Planning;
using DynaSplit.OnnxRuntime.Verification;

namespace DynaSplit.OnnxRuntime.Profiling;

/// <summary>
/// The per-split-point profile Neurosurgeon builds: for every split point, the head's and tail's latency and
/// the cut size on this host, as medians over repeated runs after warm-up.
/// </summary>
public static class OnnxSplitProfiler
{
    /// <summary>Profiles the split points of <paramref name="model"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A requested index is not a split point, or the counts are invalid.</exception>
    public static IReadOnlyList<SplitPointProfile> Profile(OnnxSplitModel model, OnnxProfilerOptions options, CancellationToken cancellationToken = default) =>
        Profile(model, options, progress: null, cancellationToken);

    /// <summary>Profiles the split points of <paramref name="model"/>, reporting after each one.</summary>
    /// <param name="model">The planned model.</param>
    /// <param name="options">Split points, runs, dimensions and session settings.</param>
    /// <param name="progress">Told after each split point; null for none.</param>
    /// <param name="cancellationToken">Stops between runs and inside ONNX Runtime runs.</param>
    /// <exception cref="ArgumentOutOfRangeException">A requested index is not a split point, or the counts are invalid.</exception>
    public static IReadOnlyList<SplitPointProfile> Profile(OnnxSplitModel model, OnnxProfilerOptions options, IProgress<SplitPointProgress>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfNegative(options.WarmupRuns);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Repetitions, 1);
        var indices = options.Indices ?? model.Plan.SplitPoints.Select(p => p.Index).ToArray();
        foreach (var index in indices)
        {
            model.GetSplitPoint(index);
        }

        var dimensions = new Dictionary<string, long>(options.Dimensions, StringComparer.Ordinal);
        model.EnsureRunnableAt(dimensions, "profile its splits");
        var inputs = OnnxInputGenerator.Create(model.Plan.Inputs, dimensions, options.Seed);
        var profiles = new List<SplitPointProfile>(indices.Count);
        using var executor = new OnnxSplitExecutor(model);
        foreach (var index in indices)
        {
            executor.Warm(index, options.Settings);
            for (var i = 0; i < options.WarmupRuns; i++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                executor.Run(index, inputs, options.Settings, cancellationToken);
            }

            var head = new TimeSpan[options.Repetitions];
            var tail = new TimeSpan[options.Repetitions];
            var handoff = new TimeSpan[options.Repetitions];
            long bytes = 0;
            for (var i = 0; i < options.Repetitions; i++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var result = executor.Run(index, inputs, options.Settings, cancellationToken);
                head[i] = result.Timings.Head;
                tail[i] = result.Timings.Tail;
                handoff[i] = result.Timings.Handoff;
                bytes = result.TransferredBytes;
            }

            executor.Release(index);
            profiles.Add(new SplitPointProfile(index, Median(head), Median(tail), Median(handoff), bytes, model.Plan.SplitPoints[index].IsSingleTensor));
            progress?.Report(new SplitPointProgress(profiles.Count, indices.Count, index));
        }

        return profiles;
    }

    private static TimeSpan Median(TimeSpan[] values)
    {
        Array.Sort(values);
        var n = values.Length;
        return n % 2 == 1 ? values[n / 2] : (values[(n / 2) - 1] + values[n / 2]) / 2;
    }
}
