using System.Globalization;
using DynaSplit.Execution;
using DynaSplit.OnnxRuntime.Execution;
using DynaSplit.OnnxRuntime.Planning;
using DynaSplit.OnnxRuntime.Verification;
using DynaSplit.OpenInference.Transport;
using DynaSplit.Topology;

namespace DynaSplit.Serving.Tests;

/// <summary>
/// Head in this process, tail in a `dynasplit serve` process on loopback: at every cut point of SqueezeNet the outputs
/// equal the whole model's within the verifier's tolerance with fp32; fp16 and int8 report deviation and top-1
/// agreement on seeded inputs.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class TwoProcessSplitTests
{
    private ServerProcess _server = null!;
    private OnnxSplitModel _model = null!;
    private OnnxStageRunner _head = null!;
    private OpenInferenceStageTransport _cloud = null!;
    private PipelineExecutor _pipeline = null!;
    private List<(IReadOnlyList<TensorData> Inputs, IReadOnlyList<TensorData> Expected)> _samples = null!;

    [OneTimeSetUp]
    public void Start()
    {
        _server = ServerProcess.Start("--max-concurrency", "2");
        _model = OnnxSplitModel.Load(ServerProcess.ModelPath);
        _head = new OnnxStageRunner(_model, new OnnxRuntimeOptions { SessionCacheCapacity = _model.Plan.EdgeOnlyIndex + 1 });
        _cloud = new OpenInferenceStageTransport(new OpenInferenceTransportOptions { Endpoint = _server.Grpc, Model = "squeezenet1_1" });
        _pipeline = new PipelineExecutor([new InProcessStageTransport(TierNames.Edge, _head), _cloud]);
        using var whole = new OnnxWholeModelRunner(_model, new OnnxRuntimeSessionSettings());
        _samples = [];
        foreach (var seed in new[] { 1, 2, 3 })
        {
            var inputs = OnnxInputGenerator.Create(_model.Plan.Inputs, null, seed);
            _samples.Add((inputs, whole.Run(inputs)));
        }
    }

    [OneTimeTearDown]
    public void Stop()
    {
        _cloud?.Dispose();
        _head?.Dispose();
        _server?.Dispose();
    }

    [Test]
    public async Task Fp32_AtEveryCutPoint_TheTwoProcessesComputeTheWholeModel()
    {
        var last = _model.Plan.EdgeOnlyIndex;
        var failures = new List<string>();
        double worst = 0;
        for (var cut = 0; cut <= last; cut++)
        {
            var (inputs, expected) = _samples[0];
            var result = await _pipeline.RunAsync(new PipelineRequest(Placement.TwoTier(cut, last), inputs), CancellationToken.None);
            var check = OnnxSplitVerifier.Compare(cut, expected, result.Outputs, 1e-5, 1e-4);
            worst = Math.Max(worst, check.MaxAbsDiff);
            if (!check.Ok)
            {
                failures.Add($"cut {cut}: max |diff| {check.MaxAbsDiff:E3}");
            }

            if (cut < last)
            {
                var remote = result.Stages[1];
                Assert.That(remote.Tier, Is.EqualTo(TierNames.Cloud));
                Assert.That(remote.ComputeMs, Is.GreaterThan(0), $"cut {cut}: the server reports its compute time");
                Assert.That(remote.QueueMs, Is.Not.Null.And.GreaterThanOrEqualTo(0));
                if (_model.GetSplitPoint(cut).BytesPerSample is { } bytes)
                {
                    Assert.That(remote.BytesSent, Is.EqualTo(bytes), $"cut {cut}: the cut tensors cross as fp32");
                }
            }
        }

        TestContext.Out.WriteLine($"fp32: {last + 1} cut points, worst max |diff| {worst:E3}");
        Assert.That(failures, Is.Empty);
    }

    [TestCase("fp16", 2)]
    [TestCase("int8", 4)]
    public async Task LossyCodecs_ReportDeviationAndTop1Agreement(string codec, int reduction)
    {
        var last = _model.Plan.EdgeOnlyIndex;
        var fp32 = new StageSettings { TensorCodec = "fp32" };
        double worst = 0;
        double sum = 0;
        int agree = 0;
        int total = 0;
        for (var cut = 1; cut < last; cut += 3)
        {
            foreach (var (inputs, expected) in _samples)
            {
                var head = await _head.RunAsync(new StageRequest(new PlacementStage(0, TierNames.Edge, 0, cut), inputs, StageSettings.Default), CancellationToken.None);
                var stage = new PlacementStage(1, TierNames.Cloud, cut, last);
                var lossy = await _cloud.ExecuteAsync(new StageRequest(stage, head.Outputs, new StageSettings { TensorCodec = codec }), CancellationToken.None);
                var exact = await _cloud.ExecuteAsync(new StageRequest(stage, head.Outputs, fp32), CancellationToken.None);
                Assert.That(lossy.Measurement.BytesSent * reduction, Is.EqualTo(exact.Measurement.BytesSent), $"cut {cut}: {codec} sends 1/{reduction} of the fp32 bytes");
                var check = OnnxSplitVerifier.Compare(cut, expected, lossy.Outputs, 0, 0);
                worst = Math.Max(worst, check.MaxAbsDiff);
                sum += check.MaxAbsDiff;
                total++;
                if (ArgMax(lossy.Outputs[0].AsFloats()) == ArgMax(expected[0].AsFloats()))
                {
                    agree++;
                }
            }
        }

        var agreement = (double)agree / total;
        TestContext.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{codec}: {total} inferences over cuts 1,4,..,{last - 1}: max |diff| of logits worst {worst:E3}, mean {sum / total:E3}; top-1 agreement {agreement:P1}"));
        Assert.That(worst, Is.GreaterThan(0), "a lossy codec changes the logits somewhat");
        Assert.That(agreement, Is.GreaterThanOrEqualTo(0.9), "the lossy codec keeps the top-1 class almost always");
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
}
