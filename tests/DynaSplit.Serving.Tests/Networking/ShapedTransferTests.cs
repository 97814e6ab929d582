using System.Diagnostics;
using System.Globalization;
using DynaSplit.Execution;
using DynaSplit.OnnxRuntime.Execution;
using DynaSplit.OnnxRuntime.Planning;
using DynaSplit.OpenInference.Transport;
using DynaSplit.Planning;
using DynaSplit.Topology;

namespace DynaSplit.Serving.Tests.Networking;

/// <summary>
/// The server process in its own network namespace behind a veth pair shaped to 50 Mbit/s (runs as root): cut tensors
/// of 1 MB and 20 MB cross through the Open Inference transport nearly as fast as plain TCP moves the same bytes on the
/// same link, and killing the server mid-run leaves every request served by the edge fallback.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class ShapedTransferTests
{
    private const double RateMbit = 50;

    // The suite's bound on transport time over plain TCP time, on the fastest of a few samples of each: at most 10% more
    // plus 40 ms. The acceptance figure (1.03 x) is measured by the benchmark
    // (benchmarks/DynaSplit.Benchmarks/Serving/ShapedLinkTransferBenchmark.cs) with warm-up and repetitions on a machine
    // that is otherwise idle. The suite runs on two cores shared with the test runner, the server process and other
    // test processes (load averages of 20 were seen): each request of the transport wakes about five threads in two
    // processes (client, Kestrel, the handler, ONNX Runtime, the response), where plain TCP wakes two, and each wake-up
    // can wait milliseconds for a core; 40 ms covers that fixed cost. The 10% still fails a transport that is held back
    // on a large message (Kestrel's default HTTP/2 window made the 20 MB transfer 1.2 x and more here) or that copies or
    // frames the message wastefully.
    private const double SuiteFactor = 1.10;
    private const double SuiteFixedMs = 40;

    private string _directory = null!;
    private ShapedLink _link = null!;
    private ServerProcess _server = null!;
    private OnnxSplitModel _model = null!;
    private PlainTcpTransfer _tcp = null!;
    private OpenInferenceStageTransport _transport = null!;
    private int _largeCut;
    private int _smallCut;

    [OneTimeSetUp]
    public void Start()
    {
        _link = ShapedLinkFixture.CreateOrIgnore(RateMbit);
        _directory = Directory.CreateTempSubdirectory("dynasplit-shaped-").FullName;
        var path = Path.Combine(_directory, TransferModel.Name + ".onnx");
        TransferModel.Write(path);
        _model = OnnxSplitModel.Load(path);
        _largeCut = CutOf(TransferModel.LargeBytes);
        _smallCut = CutOf(TransferModel.SmallBytes);
        _server = ServerProcess.Start(path, _link, "--max-concurrency", "2", "--threads", "1", "--warm", _largeCut.ToString(CultureInfo.InvariantCulture), "--warm", _smallCut.ToString(CultureInfo.InvariantCulture));
        _tcp = PlainTcpTransfer.Start(_link);
        _transport = new OpenInferenceStageTransport(new OpenInferenceTransportOptions
        {
            Endpoint = _server.Grpc,
            Model = TransferModel.Name,
            AttemptTimeout = TimeSpan.FromSeconds(30),
            DefaultTimeout = TimeSpan.FromSeconds(60),
            MaxRetries = 1,
            RetryDelay = TimeSpan.FromMilliseconds(20),
            BreakDuration = TimeSpan.FromMilliseconds(500),
            BreakerSamplingDuration = TimeSpan.FromSeconds(2),
            MaxReconnectBackoff = TimeSpan.FromMilliseconds(500),
        });
    }

    [OneTimeTearDown]
    public void Stop()
    {
        _transport?.Dispose();
        _tcp?.Dispose();
        _server?.Dispose();
        _link?.Dispose();
        if (_directory is not null)
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    [Test]
    public async Task CutTensorsOf1And20MB_CrossNearlyAsFastAsPlainTcpOnTheSameLink()
    {
        Assert.That(await _transport.IsReadyAsync(TimeSpan.FromSeconds(30), CancellationToken.None), Is.True, "the server in the namespace is reachable");
        var lines = new List<string> { _link.Describe() };
        var failures = new List<string>();
        foreach (var (cut, bytes, repetitions) in new[] { (_smallCut, TransferModel.SmallBytes, 5), (_largeCut, TransferModel.LargeBytes, 2) })
        {
            var request = Request(cut, bytes);
            // Warm both paths once with the small tensor (connection, JIT; the server warmed both tails at start);
            // then alternate, so drift hits both alike.
            if (bytes == TransferModel.SmallBytes)
            {
                await _tcp.SendAsync(bytes);
                await _transport.ExecuteAsync(request, CancellationToken.None);
            }

            var tcp = new List<double>();
            var oip = new List<double>();
            var oipTransfer = new List<double>();
            for (var i = 0; i < repetitions; i++)
            {
                tcp.Add((await _tcp.SendAsync(bytes)).TotalMilliseconds);
                var start = Stopwatch.GetTimestamp();
                var result = await _transport.ExecuteAsync(request, CancellationToken.None);
                oip.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
                oipTransfer.Add(result.Measurement.TransferMs);
                Assert.That(result.Measurement.BytesSent, Is.EqualTo(bytes), "the fp32 codec sends the tensor's bytes");
                Assert.That(result.Outputs.Single().Data.Length, Is.EqualTo(4), "the tail's output (one float) comes back");
            }

            var tcpMs = Median(tcp);
            var oipMs = Median(oip);
            var tcpBest = tcp.Min();
            var oipBest = oip.Min();
            var lineRateMs = bytes * 8.0 / (RateMbit * 1000);
            lines.Add(string.Create(CultureInfo.InvariantCulture, $"{bytes / 1e6:0} MB at {RateMbit} Mbit/s: plain TCP median {tcpMs:0.0} ms ({bytes * 8 / tcpMs / 1000:0.0} Mbit/s), Open Inference ModelInfer median {oipMs:0.0} ms (transfer as the transport records it {Median(oipTransfer):0.0} ms), ratio {oipMs / tcpMs:0.000}; fastest {tcpBest:0.0} / {oipBest:0.0} ms, ratio {oipBest / tcpBest:0.000}; the rate alone needs {lineRateMs:0.0} ms; samples tcp [{string.Join(", ", tcp.Select(t => t.ToString("0.0", CultureInfo.InvariantCulture)))}] oip [{string.Join(", ", oip.Select(t => t.ToString("0.0", CultureInfo.InvariantCulture)))}]"));
            TestContext.Out.WriteLine(lines[^1]);

            // The bytes really crossed the shaper (a transfer faster than the rate did not), and plain TCP reached most of it.
            Assert.That(tcpMs, Is.GreaterThan(lineRateMs * 0.97), "plain TCP cannot beat the shaped rate (burst aside)");
            Assert.That(tcpMs, Is.LessThan(lineRateMs * 1.25), "plain TCP reaches at least 80% of the shaped rate");
            Assert.That(oipMs, Is.GreaterThan(lineRateMs * 0.97), "the transport's bytes crossed the shaped link");
            if (oipBest > (tcpBest * SuiteFactor) + SuiteFixedMs)
            {
                failures.Add(string.Create(CultureInfo.InvariantCulture, $"{bytes / 1e6:0} MB: the transport took {oipBest:0.0} ms, more than {SuiteFactor} x plain TCP's {tcpBest:0.0} ms + {SuiteFixedMs} ms"));
            }
        }

        Assert.That(failures, Is.Empty, string.Join(Environment.NewLine, lines));
    }

    [Test]
    public async Task KillingTheServerInTheNamespaceMidRun_TheFallbackServesEveryRequest()
    {
        using var local = new OnnxStageRunner(_model);
        var cloud = new FallbackStageTransport(_transport, local);
        var edge = new OnnxStageRunner(_model);
        using var edgeRunner = edge;
        var pipeline = new PipelineExecutor([new InProcessStageTransport(TierNames.Edge, edge), cloud]);
        var input = Input([1, 20, 250_000], seed: 3);
        var expected = Mean(input);
        var placement = Placement.TwoTier(_smallCut, _model.Plan.EdgeOnlyIndex);
        Assert.That(await _transport.IsReadyAsync(TimeSpan.FromSeconds(30), CancellationToken.None), Is.True);

        var tiers = new List<string>();
        var killed = -1;
        const int count = 16;
        for (var i = 0; i < count; i++)
        {
            if (i == 5)
            {
                // Killed while a request is in flight: its transfer takes ~170 ms on this link.
                var running = pipeline.RunAsync(new PipelineRequest(placement, [input]) { Deadline = DateTimeOffset.UtcNow.AddSeconds(20) }, CancellationToken.None).AsTask();
                await Task.Delay(60);
                _server.Kill();
                killed = i;
                tiers.Add(await Check(running));
                continue;
            }

            var result = pipeline.RunAsync(new PipelineRequest(placement, [input]) { Deadline = DateTimeOffset.UtcNow.AddSeconds(20) }, CancellationToken.None).AsTask();
            tiers.Add(await Check(result));
        }

        TestContext.Out.WriteLine($"tiers served (server killed at request {killed}): {string.Join(" ", tiers)}; fallbacks counted by the transport: {cloud.FallbackCount}");
        Assert.That(tiers, Has.Count.EqualTo(count), "every request was answered");
        Assert.That(tiers.Take(killed), Has.All.EqualTo(TierNames.Cloud), "the cloud served before the kill");
        Assert.That(tiers.Skip(killed + 1), Has.All.EqualTo(TierNames.Edge), "the fallback served every request after the kill");

        // Bring the server back for the other tests and see the cloud serve again.
        _server.Restart();
        var back = Stopwatch.StartNew();
        string tier;
        do
        {
            await Task.Delay(200);
            tier = await Check(pipeline.RunAsync(new PipelineRequest(placement, [input]) { Deadline = DateTimeOffset.UtcNow.AddSeconds(20) }, CancellationToken.None).AsTask());
        }
        while (tier != TierNames.Cloud && back.Elapsed < TimeSpan.FromSeconds(60));
        Assert.That(tier, Is.EqualTo(TierNames.Cloud), "the cloud serves again once the server is back");

        async Task<string> Check(Task<PipelineResult> running)
        {
            var result = await running.WaitAsync(TimeSpan.FromSeconds(60));
            var value = BitConverter.ToSingle(result.Outputs.Single().Data.Span);
            Assert.That(value, Is.EqualTo(expected).Within(1e-4 * Math.Abs(expected)), "the request's answer is the model's");
            return result.Stages[1].Tier;
        }
    }

    private int CutOf(long bytes) =>
        _model.Plan.SplitPoints.First(p => p.Index > 0 && p.Index < _model.Plan.EdgeOnlyIndex && p.BytesPerSample == bytes).Index;

    private StageRequest Request(int cut, long bytes)
    {
        var info = _model.GetSplitPoint(cut).Tensors.Single();
        var shape = info.Shape.Select(d => d < 0 ? 1 : d).ToArray();
        Assert.That(shape.Aggregate(4L, (p, d) => p * d), Is.EqualTo(bytes));
        var data = new byte[bytes];
        new Random(5).NextBytes(data);
        // Finite floats: random bytes can spell NaN; clear each float's top exponent bit.
        for (var i = 3; i < data.Length; i += 4)
        {
            data[i] &= 0x3F;
        }

        return new StageRequest(new PlacementStage(1, TierNames.Cloud, cut, _model.Plan.EdgeOnlyIndex), [new TensorData(info.Name, TensorElementType.Float, shape, data)], StageSettings.Default)
        {
            Deadline = DateTimeOffset.UtcNow.AddMinutes(2),
        };
    }

    private static TensorData Input(long[] shape, int seed)
    {
        var random = new Random(seed);
        var values = new float[shape.Aggregate(1L, (p, d) => p * d)];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = (float)(random.NextDouble() * 2 - 1);
        }

        return new TensorData("x", TensorElementType.Float, shape, System.Runtime.InteropServices.MemoryMarshal.AsBytes(values.AsSpan()).ToArray());
    }

    /// <summary>What the model computes: the mean over the last axis of relu(max over axis 1 of relu(x)).</summary>
    private static float Mean(TensorData input)
    {
        var values = System.Runtime.InteropServices.MemoryMarshal.Cast<byte, float>(input.Data.Span);
        var width = (int)input.Shape[2];
        double sum = 0;
        for (var j = 0; j < width; j++)
        {
            var max = float.NegativeInfinity;
            for (var r = 0; r < input.Shape[1]; r++)
            {
                max = Math.Max(max, Math.Max(0, values[(r * width) + j]));
            }

            sum += Math.Max(0, max);
        }

        return (float)(sum / width);
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }
}
