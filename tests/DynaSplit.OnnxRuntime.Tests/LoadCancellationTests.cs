using System.Diagnostics;
using DynaSplit.OnnxRuntime.Planning;

namespace DynaSplit.OnnxRuntime.Tests;

/// <summary>Issue 15: loading a model stops on its token, also while the shape probe runs (Ctrl+C in the CLI).</summary>
public sealed class LoadCancellationTests
{
    [Test]
    public void ACancelledTokenStopsLoadingBeforeTheFileIsRead()
    {
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        // The file does not exist: a load that ignored the token would throw FileNotFoundException instead.
        Assert.That(() => OnnxSplitModel.Load("/nonexistent/model.onnx", cancellationToken: cancelled.Token), Throws.InstanceOf<OperationCanceledException>());
    }

    [Test]
    public void CancellingDuringTheShapeProbeTerminatesIt()
    {
        // PP-OCR probed at 320 x 320 with every intermediate value as an output takes seconds; the token cuts it short.
        var options = new OnnxSplitPlannerOptions
        {
            Dimensions = new Dictionary<string, long> { ["p2o.DynamicDimension.1"] = 320, ["p2o.DynamicDimension.2"] = 320 },
        };
        OnnxSplitModel.Load(TestModels.PpOcr); // warm: the timed loads below are alike, without first-use costs
        var uncancelled = Stopwatch.StartNew();
        var model = OnnxSplitModel.Load(TestModels.PpOcr, options);
        uncancelled.Stop();
        Assert.That(model.ProbeFailure, Is.Null, "the probe runs at this size");

        using var cancellation = new CancellationTokenSource();
        var load = Task.Run(() => OnnxSplitModel.Load(TestModels.PpOcr, options, cancellationToken: cancellation.Token));
        Thread.Sleep(uncancelled.Elapsed / 2); // in the probe's run: loading and session creation take a small part
        Assert.That(load.IsCompleted, Is.False, "still loading when cancelled");
        var cancelledAt = Stopwatch.StartNew();
        cancellation.Cancel();

        Assert.That(() => load.GetAwaiter().GetResult(), Throws.InstanceOf<OperationCanceledException>());
        TestContext.Out.WriteLine($"load {uncancelled.ElapsedMilliseconds} ms; cancelled at half, stopped {cancelledAt.ElapsedMilliseconds} ms later");
        Assert.That(cancelledAt.Elapsed, Is.LessThan(uncancelled.Elapsed / 4), "ONNX Runtime's run was terminated, not waited for");
    }
}
