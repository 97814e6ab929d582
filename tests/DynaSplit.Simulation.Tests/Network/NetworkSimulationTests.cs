using DynaSplit.Optimization;
using DynaSplit.Scheduling;
using DynaSplit.Simulation.Comparison;
using DynaSplit.Simulation.Network;
using DynaSplit.Simulation.Serving;
using DynaSplit.Simulation.Strategies;
using DynaSplit.Simulation.Workload;

namespace DynaSplit.Simulation.Tests.Network;

public sealed class NetworkSimulationTests
{
    private static NetworkConditions Conditions(BandwidthTrace trace, double? arrivals = null)
    {
        var pool = Pools.Vgg16();
        return new NetworkConditions { Trace = trace, CutSizes = CutSizes.Vgg16, RecordedLink = TestbedLink.Estimate(pool, CutSizes.Vgg16), ArrivalRatePerSecond = arrivals };
    }

    [Test]
    public async Task TransfersAreRescaledToTheTracesRateAndEnergyWithThem()
    {
        var pool = Pools.Vgg16();
        var recorded = TestbedLink.Estimate(pool, CutSizes.Vgg16);
        var cloudOnly = Baselines.FindCloudOnly(pool)!;
        var bytes = CutSizes.Vgg16.BytesOf(cloudOnly);
        var same = new NetworkReplayServingBackend(pool, 3, Conditions(BandwidthTrace.Constant(recorded.BandwidthBitsPerSecond)), new SimulatedClock());
        var slow = new NetworkReplayServingBackend(pool, 3, Conditions(BandwidthTrace.Constant(recorded.BandwidthBitsPerSecond / 10)), new SimulatedClock());
        var plain = new ReplayServingBackend(pool, 3);
        var serializationMs = bytes * 8.0 / recorded.BandwidthBitsPerSecond * 1000;
        for (var i = 0; i < 20; i++)
        {
            var recordedRun = await plain.ExecuteAsync(cloudOnly, default, new InferenceRequest(100), CancellationToken.None);
            var onSame = await same.ExecuteAsync(cloudOnly, default, new InferenceRequest(100), CancellationToken.None);
            var onSlow = await slow.ExecuteAsync(cloudOnly, default, new InferenceRequest(100), CancellationToken.None);
            Assert.That(onSame.LatencyMs, Is.EqualTo(recordedRun.LatencyMs).Within(1e-9), "the recorded link reproduces the recorded run");
            Assert.That(onSame.EnergyJ, Is.EqualTo(recordedRun.EnergyJ).Within(1e-9));
            Assert.That(onSlow.LatencyMs - recordedRun.LatencyMs, Is.EqualTo(9 * serializationMs).Within(1e-6), "a tenth of the rate: nine more serializations");
            Assert.That(onSlow.EnergyJ, Is.GreaterThan(recordedRun.EnergyJ!.Value), "the edge waits longer");
            Assert.That(onSlow.TransferredBytes, Is.EqualTo(bytes));
            Assert.That(onSlow.Stages[1].TransferMs, Is.GreaterThan(9 * serializationMs));
        }

        var edgeOnly = Baselines.FindEdgeOnly(pool)!;
        var edge = await slow.ExecuteAsync(edgeOnly, default, new InferenceRequest(100), CancellationToken.None);
        Assert.That(edge.Stages, Is.Empty, "edge only sends nothing");
        Assert.That(pool.GetRuns(edgeOnly).Select(r => r.LatencyMs), Does.Contain(edge.LatencyMs));
    }

    [Test]
    public async Task OnTheRecordedLinkPredictiveIsThePublishedSchedulerAndOnASlowThirdItMeetsMore()
    {
        var pool = Pools.Vgg16();
        var recorded = TestbedLink.Estimate(pool, CutSizes.Vgg16).BandwidthBitsPerSecond;
        var thresholds = QosWorkload.Weibull(3000, 90.6, 5026.8, 0);
        ComparisonSettings Settings(NetworkConditions network) => new()
        {
            ThresholdsMs = thresholds,
            BudgetFraction = 1.0,
            Strategies = [Baselines.DynaSplit, Baselines.Predictive],
            Network = network,
        };

        var constant = await StrategyComparison.RunAsync(pool, () => new ExhaustiveSearch(), Settings(Conditions(BandwidthTrace.Constant(recorded))), null, CancellationToken.None);
        var (published, predictive) = (constant.Outcomes[0], constant.Outcomes[1]);
        Assert.That(predictive.QosMet, Is.EqualTo(published.QosMet).Within(0.005));
        Assert.That(predictive.EnergySavedVsCloud, Is.EqualTo(published.EnergySavedVsCloud).Within(0.005));

        // 3,000 requests at 2 per second: about 1,500 s; the middle third on a tenth of the rate.
        var step = new BandwidthTrace([(0, recorded), (500, recorded / 10), (1000, recorded)]);
        var stepped = await StrategyComparison.RunAsync(pool, () => new ExhaustiveSearch(), Settings(Conditions(step, arrivals: 2)), null, CancellationToken.None);
        (published, predictive) = (stepped.Outcomes[0], stepped.Outcomes[1]);
        Assert.That(published.Segments, Has.Count.EqualTo(3));
        Assert.That(published.Segments.Sum(s => s.Requests), Is.EqualTo(3000));
        Assert.That(published.Segments[1].QosMet, Is.LessThan(published.Segments[0].QosMet - 0.02), "the slow third hurts the published scheduler");
        Assert.That(predictive.Segments[1].QosMet, Is.GreaterThan(published.Segments[1].QosMet), "the predictive one sees it");
        Assert.That(predictive.MeanEnergyJ, Is.LessThanOrEqualTo(published.MeanEnergyJ * 1.05));
        Assert.That(predictive.Segments[2].QosMet, Is.EqualTo(published.Segments[2].QosMet).Within(0.01), "it sees the link recover");
    }
}
