using System.Diagnostics.Metrics;
using DynaSplit.DependencyInjection;
using DynaSplit.Execution;
using DynaSplit.Objectives;
using DynaSplit.Online;
using DynaSplit.Scheduling;
using DynaSplit.Spaces;
using DynaSplit.Trials;
using Microsoft.Extensions.DependencyInjection;

namespace DynaSplit.Core.Tests.Online;

/// <summary>The runtime composed with <c>UsePredictiveScheduler()</c> learns the link from its own requests and follows it.</summary>
public sealed class LinkAwareRuntimeTests
{
    private static readonly ConfigurationSpace Space = new([new IntegerParameter("layer", 0, 10, 1, ParameterRole.SplitPoint)]);

    /// <summary>The edge's head: its output at cut k is a tensor of <see cref="CutBytes"/>(k) bytes.</summary>
    private sealed class HeadRunner : IStageRunner
    {
        public ValueTask<StageOutput> RunAsync(StageRequest request, CancellationToken cancellationToken)
        {
            var floats = new float[CutBytes(request.Stage.ToCut) / sizeof(float)];
            return ValueTask.FromResult(new StageOutput([TensorData.FromFloats("cut", [floats.Length], floats)], TimeSpan.FromMilliseconds(1)));
        }
    }

    /// <summary>A cloud across a link of <see cref="Mbit"/>: transfer time = 2 ms round trip + bytes at the rate (no sleeping).</summary>
    private sealed class ShapedCloud : IStageTransport
    {
        public double Mbit { get; set; } = 100;

        public string Tier => "cloud";

        public ValueTask<StageResult> ExecuteAsync(StageRequest request, CancellationToken cancellationToken)
        {
            var bytes = TensorData.TotalBytes(request.Inputs);
            var transferMs = 2 + (bytes * 8.0 / (Mbit * 1e6) * 1000);
            var output = TensorData.FromFloats("y", [1], [1f]);
            return ValueTask.FromResult(new StageResult([output], new StageMeasurement(request.Stage.Index, Tier, 5, transferMs, bytes, 4)));
        }
    }

    private static long CutBytes(int cut) => cut == 1 ? 1_000_000 : 100_000;

    private static LookupEntry Entry(int layer, double edgeMs, double transferMs, double cloudMs, double joules, long bytes) =>
        new(Space.Create([layer]), edgeMs + transferMs + cloudMs, joules, null)
        {
            Latency = new LatencyBreakdown(edgeMs, transferMs, cloudMs),
            Energy = new EnergyBreakdown(joules / 2, joules / 2),
            TransferredBytes = bytes,
        };

    [Test]
    public async Task TheEstimateFollowsARateDropWithinTenRequestsAndTheChoiceFollowsTheEstimate()
    {
        // Measured on 100 Mbit/s: the early cut sends 1 MB (82 ms) and is cheap; the late cut sends 100 kB (10 ms) and
        // computes longer on the edge. At 10 Mbit/s the early cut needs 812 ms, the late one 187 ms.
        var table = new LookupTable(Space, WellKnownObjectives.LatencyEnergy,
        [
            Entry(1, edgeMs: 5, transferMs: 82, cloudMs: 5, joules: 1, bytes: 1_000_000),
            Entry(9, edgeMs: 100, transferMs: 10, cloudMs: 5, joules: 3, bytes: 100_000),
        ]);
        var cloud = new ShapedCloud();
        var services = new ServiceCollection();
        services.AddSingleton<IStageRunner>(new HeadRunner());
        services.AddSingleton<IStageTransport>(cloud);
        services.AddDynaSplit().UseLookupTable(table).UsePredictiveScheduler();
        var bandwidths = new List<double>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Name == "dynasplit.link.bandwidth")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<double>((_, value, _, _) => bandwidths.Add(value));
        listener.Start();
        await using var provider = services.BuildServiceProvider();
        var runtime = provider.GetRequiredService<DynaSplitRuntime>();
        var input = TensorData.FromFloats("x", [1], [0f]);

        Assert.That(runtime.Link, Is.Null, "nothing learnt yet and no prior");
        for (var i = 0; i < 5; i++)
        {
            var served = await runtime.RunAsync(new InferenceRequest(200), [input], CancellationToken.None);
            Assert.That(served.Configuration.Key, Is.EqualTo("layer=1"), "on the fast link the cheap early cut is predicted to meet 200 ms");
        }

        Assert.That(runtime.Link!.Value.BandwidthBitsPerSecond, Is.EqualTo(100e6).Within(10).Percent);
        Assert.That(bandwidths, Has.Count.EqualTo(5), "the gauge is recorded once per request that crossed the link");

        cloud.Mbit = 10;
        var choices = new List<string>();
        for (var i = 0; i < 10; i++)
        {
            choices.Add((await runtime.RunAsync(new InferenceRequest(200), [input], CancellationToken.None)).Configuration.Key);
        }

        // The first request after the drop still goes early (the estimate has not seen the drop); it teaches the
        // estimator, and the late cut's 100 kB transfers go on teaching it.
        Assert.That(choices[0], Is.EqualTo("layer=1"));
        Assert.That(choices.Skip(1), Is.All.EqualTo("layer=9"), "at 10 Mbit/s the early cut's 1 MB takes 800 ms: predicted to miss 200 ms");
        Assert.That(runtime.Link!.Value.BandwidthBitsPerSecond, Is.EqualTo(10e6).Within(20).Percent);
        Assert.That(bandwidths[^1], Is.EqualTo(runtime.Link!.Value.BandwidthBitsPerSecond));
    }

    [Test]
    public void EstimatorOptionsAreCheckedAtRegistrationAndTheLastOnesWin()
    {
        var services = new ServiceCollection();
        var builder = services.AddDynaSplit();
        Assert.That(() => builder.AddLinkEstimator(new LinkEstimatorOptions { FastHalfLifeSeconds = -1 }), Throws.InstanceOf<ArgumentException>().With.Message.Contains("FastHalfLifeSeconds"));

        builder.AddLinkEstimator(new LinkEstimatorOptions { FastHalfLifeSeconds = 0.1 }).AddLinkEstimator(new LinkEstimatorOptions { FastHalfLifeSeconds = 0.3 }).AddLinkEstimator();
        using var provider = services.BuildServiceProvider();

        Assert.That(services.Count(d => d.ServiceType == typeof(LinkEstimator)), Is.EqualTo(1));
        Assert.That(provider.GetRequiredService<LinkEstimator>().Options.FastHalfLifeSeconds, Is.EqualTo(0.3));
    }
}
