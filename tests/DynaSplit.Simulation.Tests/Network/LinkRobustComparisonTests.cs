using DynaSplit.Optimization;
using DynaSplit.Scheduling;
using DynaSplit.Simulation.Comparison;
using DynaSplit.Simulation.Network;
using DynaSplit.Simulation.Strategies;
using DynaSplit.Simulation.Workload;

namespace DynaSplit.Simulation.Tests.Network;

public sealed class LinkRobustComparisonTests
{
    private static readonly double[] Thresholds = QosWorkload.Weibull(3000, 90.6, 5026.8, 0);

    private static Task<ComparisonResult> RunAsync(BandwidthTrace trace, IReadOnlyList<LinkScenario>? keep, params string[] strategies) =>
        RunAsync(trace, keep, null, strategies);

    private static async Task<ComparisonResult> RunAsync(BandwidthTrace trace, IReadOnlyList<LinkScenario>? keep, LinkProbeOptions? probe, params string[] strategies)
    {
        var pool = Pools.Vgg16();
        var network = new NetworkConditions { Trace = trace, CutSizes = CutSizes.Vgg16, RecordedLink = TestbedLink.Estimate(pool, CutSizes.Vgg16), ArrivalRatePerSecond = 2, Probe = probe };
        var settings = new ComparisonSettings { ThresholdsMs = Thresholds, Strategies = strategies, Network = network, KeepForLinks = keep };
        return await StrategyComparison.RunAsync(pool, () => new RandomSearch(), settings, null, CancellationToken.None);
    }

    private static double RecordedRate => TestbedLink.Estimate(Pools.Vgg16(), CutSizes.Vgg16).BandwidthBitsPerSecond;

    // 3,000 requests at 2 per second: about 1,500 s; the middle third on a hundredth of the rate.
    private static BandwidthTrace Step(double fraction) => new([(0, RecordedRate), (500, RecordedRate * fraction), (1000, RecordedRate)]);

    [Test]
    public async Task TheRobustTableLetsPredictiveMeetMoreInTheSlowThirdAndLeavesThePublishedSchedulerAlone()
    {
        // Random search at 20 %: its Pareto set on the fast link lacks the small cuts a slow link needs (NSGA-III's has them).
        var keep = new[] { LinkScenario.Fraction(0.1), LinkScenario.Fraction(0.01) };
        var plain = await RunAsync(Step(0.01), null, Baselines.DynaSplit, Baselines.Predictive);
        var robust = await RunAsync(Step(0.01), keep, Baselines.DynaSplit, Baselines.Predictive);
        Assert.That(robust.Outcomes[0], Is.EqualTo(plain.Outcomes[0]).Using<StrategyOutcome>(Same), "dynasplit keeps the offline phase's table");
        Assert.That(robust.Outcomes[1].Segments[1].QosMet, Is.GreaterThan(plain.Outcomes[1].Segments[1].QosMet + 0.05), "small cuts kept for the slow link");
        Assert.That(robust.Outcomes[1].MeanEnergyJ, Is.LessThanOrEqualTo(plain.Outcomes[1].MeanEnergyJ * 1.05));

        // On the recorded link the extra entries are dominated: nothing is lost.
        var constant = BandwidthTrace.Constant(RecordedRate);
        var plainConstant = await RunAsync(constant, null, Baselines.DynaSplit, Baselines.Predictive);
        var robustConstant = await RunAsync(constant, keep, Baselines.DynaSplit, Baselines.Predictive);
        Assert.That(robustConstant.Outcomes[0], Is.EqualTo(plainConstant.Outcomes[0]).Using<StrategyOutcome>(Same));
        Assert.That(robustConstant.Outcomes[1].QosMet, Is.GreaterThanOrEqualTo(plainConstant.Outcomes[1].QosMet - 0.005));
        Assert.That(robustConstant.Outcomes[1].MeanEnergyJ, Is.LessThanOrEqualTo(plainConstant.Outcomes[1].MeanEnergyJ * 1.005));
    }

    [Test]
    public async Task TheBoundMeetsAtLeastWhatTheSchedulersMeetInEverySegment()
    {
        var result = await RunAsync(Step(0.1), null, Baselines.DynaSplit, Baselines.Predictive, Baselines.Oracle, Baselines.Bound);
        var bound = result.Outcomes.Single(o => o.Strategy == Baselines.Bound);
        foreach (var other in result.Outcomes.Where(o => o.Strategy != Baselines.Bound))
        {
            for (var s = 0; s < 3; s++)
            {
                // Each strategy's share is what its draws gave; the bound maximizes the expected share, so allow a little luck.
                Assert.That(bound.Segments[s].QosMet, Is.GreaterThanOrEqualTo(other.Segments[s].QosMet - 0.003), $"{other.Strategy}, segment {s}");
            }
        }

        var published = result.Outcomes[0];
        Assert.That(bound.Segments[1].QosMet, Is.GreaterThan(published.Segments[1].QosMet + 0.01), "on the slow link the bound sees what the table does not");
        Assert.That(bound.Segments[1].QosMet, Is.LessThan(0.99), "some thresholds cannot be met on a tenth of the rate");
    }

    [Test]
    public async Task IdleProbingKeepsTheEstimateOfASlowLinkThatTheChosenSmallCutsDoNotMeasure()
    {
        // On a hundredth of the rate the predictive strategy chooses cuts of 25 kB, below the estimator's 64 KiB: without
        // probes the estimate is forgotten after 10 s and the next large cut misses; with a probe every 5 s it is not.
        var keep = new[] { LinkScenario.Fraction(0.01) };
        var probe = new LinkProbeOptions { Interval = TimeSpan.FromSeconds(5) };
        var without = await RunAsync(Step(0.01), keep, (LinkProbeOptions?)null, Baselines.DynaSplit, Baselines.Predictive);
        var with = await RunAsync(Step(0.01), keep, probe, Baselines.DynaSplit, Baselines.Predictive);
        TestContext.Out.WriteLine($"slow third: {without.Outcomes[1].Segments[1].QosMet:P2} -> {with.Outcomes[1].Segments[1].QosMet:P2}; dynasplit {without.Outcomes[0].QosMet:P2} -> {with.Outcomes[0].QosMet:P2}");
        Assert.That(with.Outcomes[1].Segments[1].QosMet, Is.GreaterThan(without.Outcomes[1].Segments[1].QosMet + 0.01));
        Assert.That(with.Outcomes[0].QosMet, Is.EqualTo(without.Outcomes[0].QosMet).Within(0.002), "the published scheduler ignores the link; probes only delay a few arrivals");

        // On the recorded link the estimate is right already: the probes change nothing the predictive strategy chooses.
        var constant = BandwidthTrace.Constant(RecordedRate);
        var plain = await RunAsync(constant, null, (LinkProbeOptions?)null, Baselines.Predictive);
        var probed = await RunAsync(constant, null, probe, Baselines.Predictive);
        Assert.That(probed.Outcomes[0].QosMet, Is.EqualTo(plain.Outcomes[0].QosMet).Within(0.002));
        Assert.That(probed.Outcomes[0].MeanEnergyJ, Is.EqualTo(plain.Outcomes[0].MeanEnergyJ).Within(plain.Outcomes[0].MeanEnergyJ * 0.002));
    }

    [Test]
    public void KeepingForSlowerLinksNeedsTheNetwork()
    {
        var settings = new ComparisonSettings { ThresholdsMs = Thresholds, Strategies = [Baselines.Predictive], KeepForLinks = [LinkScenario.Fraction(0.1)] };
        var error = Assert.ThrowsAsync<ArgumentException>(() => StrategyComparison.RunAsync(Pools.Vgg16(), () => new RandomSearch(), settings, null, CancellationToken.None));
        Assert.That(error!.Message, Does.Contain("KeepForLinks").And.Contain("bandwidth trace"));
    }

    private static bool Same(StrategyOutcome a, StrategyOutcome b) =>
        a.QosMet == b.QosMet && a.MeanEnergyJ == b.MeanEnergyJ && a.MeanLatencyMs == b.MeanLatencyMs && a.Segments.SequenceEqual(b.Segments);
}
