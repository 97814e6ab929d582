using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using DynaSplit.Execution;
using DynaSplit.OnnxRuntime.Execution;
using DynaSplit.OnnxRuntime.Planning;
using DynaSplit.OnnxRuntime.Verification;
using DynaSplit.OpenInference.Transport;
using DynaSplit.Topology;

namespace DynaSplit.Serving.Tests;

/// <summary>
/// The server process is killed and restarted twice while the edge keeps sending: every request is answered (by the
/// cloud, or by the edge fallback while the cloud is down or the circuit open) with the whole model's outputs, none
/// is lost or hangs, and the cloud serves again after each restart.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class FallbackSoakTests
{
    [Test]
    public Task KillAndRestartTwice_EveryRequestAnswered_Small() => SoakAsync(300);

    /// <summary>The note's soak: 10,000 requests (run once by hand: dotnet test --filter Name~Soak10000).</summary>
    [Test]
    [Explicit("Long: 10,000 requests; run by hand for the note.")]
    public Task KillAndRestartTwice_EveryRequestAnswered_Soak10000() => SoakAsync(10_000);

    private static async Task SoakAsync(int count)
    {
        const int cut = 56;
        using var server = ServerProcess.Start("--max-concurrency", "2", "--threads", "1");
        var model = OnnxSplitModel.Load(ServerProcess.ModelPath);
        var last = model.Plan.EdgeOnlyIndex;
        using var head = new OnnxStageRunner(model);
        using var localTail = new OnnxStageRunner(model);
        using var remote = new OpenInferenceStageTransport(new OpenInferenceTransportOptions
        {
            Endpoint = server.Grpc,
            Model = "squeezenet1_1",
            AttemptTimeout = TimeSpan.FromSeconds(2),
            MaxRetries = 1,
            RetryDelay = TimeSpan.FromMilliseconds(20),
            BreakDuration = TimeSpan.FromMilliseconds(500),
            BreakerSamplingDuration = TimeSpan.FromSeconds(2),
            MaxReconnectBackoff = TimeSpan.FromMilliseconds(500),
        });
        var cloud = new FallbackStageTransport(remote, localTail);
        var pipeline = new PipelineExecutor([new InProcessStageTransport(TierNames.Edge, head), cloud]);
        var inputs = OnnxInputGenerator.Create(model.Plan.Inputs, null, seed: 7);
        IReadOnlyList<TensorData> expected;
        using (var whole = new OnnxWholeModelRunner(model, new OnnxRuntimeSessionSettings()))
        {
            expected = whole.Run(inputs);
        }

        // The first call on a fresh client pays for connecting and for JIT (seconds on a busy machine), longer than
        // the attempt timeout the soak uses; an edge application does this once at start.
        Assert.That(await remote.IsReadyAsync(TimeSpan.FromSeconds(30), CancellationToken.None), Is.True);
        var served = new ConcurrentDictionary<string, int>(StringComparer.Ordinal);
        var errors = new ConcurrentQueue<string>();
        var wrong = 0;
        var answered = 0;
        var cloudAfterRestart = new int[2];
        var restarts = 0;
        var placement = Placement.TwoTier(cut, last);
        var clock = Stopwatch.StartNew();

        async Task SendAsync(int i)
        {
            try
            {
                var request = new PipelineRequest(placement, inputs) { Deadline = DateTimeOffset.UtcNow.AddSeconds(10) };
                var result = await pipeline.RunAsync(request, CancellationToken.None).AsTask().WaitAsync(TimeSpan.FromSeconds(30));
                var tier = result.Stages[1].Tier;
                served.AddOrUpdate(tier, 1, (_, n) => n + 1);
                if (tier == TierNames.Cloud && Volatile.Read(ref restarts) > 0)
                {
                    Interlocked.Increment(ref cloudAfterRestart[Volatile.Read(ref restarts) - 1]);
                }

                if (!OnnxSplitVerifier.Compare(cut, expected, result.Outputs, 1e-5, 1e-4).Ok)
                {
                    Interlocked.Increment(ref wrong);
                }

                Interlocked.Increment(ref answered);
            }
            catch (Exception ex)
            {
                errors.Enqueue($"request {i}: {ex.GetType().Name}: {ex.Message}");
            }
        }

        // Four edge workers send back to back up to a limit the test raises phase by phase: the server is killed
        // while requests are in flight at 20% and 60%, the next 10% are sent while it is down, and it is restarted
        // (no requests are released while it starts, so the cloud's recovery is seen before the next kill).
        var next = -1;
        var limit = 0;
        var done = 0;
        var workers = Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
        {
            while (true)
            {
                var i = Volatile.Read(ref next) + 1;
                if (i >= count)
                {
                    return;
                }

                if (i >= Volatile.Read(ref limit) || Interlocked.CompareExchange(ref next, i, i - 1) != i - 1)
                {
                    await Task.Delay(1);
                    continue;
                }

                await SendAsync(i);
                Interlocked.Increment(ref done);
            }
        })).ToArray();

        async Task RunUntilAsync(double share)
        {
            var target = (int)(count * share);
            Volatile.Write(ref limit, target);
            while (Volatile.Read(ref done) < target - 4)
            {
                await Task.Delay(2);
            }
        }

        try
        {
        foreach (var (killAt, restartAt) in new[] { (0.2, 0.3), (0.6, 0.7) })
        {
            await RunUntilAsync(killAt);
            server.Kill();
            await RunUntilAsync(restartAt);
            server.Restart();
            Interlocked.Increment(ref restarts);
            // An edge application learns that the cloud is back by its next call; the test waits for the channel to
            // reconnect so that the short phase after the restart sees the recovery.
            var back = Stopwatch.StartNew();
            while (!await remote.IsReadyAsync(TimeSpan.FromSeconds(2), CancellationToken.None) && back.Elapsed < TimeSpan.FromSeconds(30))
            {
                await Task.Delay(50);
            }

            // A restarted server creates its sessions and JIT-compiles on its first inference, which on a busy machine
            // takes longer than the soak's attempt timeout; an edge application warms a new server once, as at start.
            // Until that first inference succeeds the breaker may open again, so keep trying (bounded) before releasing
            // the next phase's requests.
            var warm = Stopwatch.StartNew();
            var tailInputs = (await head.RunAsync(new StageRequest(placement.Stages[0], inputs, StageSettings.Default), CancellationToken.None)).Outputs;
            while (warm.Elapsed < TimeSpan.FromSeconds(60))
            {
                try
                {
                    await remote.ExecuteAsync(new StageRequest(placement.Stages[1], tailInputs, StageSettings.Default) { Deadline = DateTimeOffset.UtcNow.AddSeconds(10) }, CancellationToken.None);
                    break;
                }
                catch (Exception ex) when (ex is not OutOfMemoryException)
                {
                    await Task.Delay(100);
                }
            }

            TestContext.Out.WriteLine($"restart {restarts}: the transport reached the server again {back.ElapsedMilliseconds} ms after it started, its first inference succeeded after {warm.ElapsedMilliseconds} ms more");
        }

        }
        finally
        {
            // Whatever happened, let the workers finish before the sessions they use are disposed.
            Volatile.Write(ref limit, count);
        }
        var all = Task.WhenAll(workers);
        Assert.That(await Task.WhenAny(all, Task.Delay(TimeSpan.FromMinutes(10))), Is.SameAs(all), "a request hung");
        var summary = string.Create(CultureInfo.InvariantCulture, $"{count} requests in {clock.Elapsed.TotalSeconds:0.0} s: answered {answered} (cloud {served.GetValueOrDefault(TierNames.Cloud)}, edge fallback {served.GetValueOrDefault(TierNames.Edge)}), failed with an error {errors.Count}, wrong outputs {wrong}, lost {count - answered - errors.Count}; cloud answers after restart 1: {cloudAfterRestart[0]}, after restart 2: {cloudAfterRestart[1]}; fallbacks counted by the transport {cloud.FallbackCount}");
        TestContext.Out.WriteLine(summary);
        foreach (var error in errors.Take(5))
        {
            TestContext.Out.WriteLine(error);
        }

        Assert.That(answered + errors.Count, Is.EqualTo(count), "every request is answered or fails with an error the caller sees");
        Assert.That(errors, Is.Empty, "the fallback serves every request the cloud cannot");
        Assert.That(wrong, Is.Zero);
        Assert.That(served.GetValueOrDefault(TierNames.Edge), Is.GreaterThan(0), "the fallback served while the server was down");
        Assert.That(cloudAfterRestart, Has.All.GreaterThan(0), "the cloud serves again after each restart");
    }
}
