using DynaSplit.Execution;
using DynaSplit.Scheduling;

namespace DynaSplit.Core.Tests.Scheduling;

public sealed class LinkEstimatorTests
{
    private const double RoundTripMs = 2.0;

    /// <summary>The time a transfer of <paramref name="bytes"/> takes on a link of <paramref name="bitsPerSecond"/> with a 2 ms round trip, times <paramref name="noise"/>.</summary>
    private static double TransferMs(long bytes, double bitsPerSecond, double noise = 1.0) =>
        (RoundTripMs + (bytes * 8.0 * 1000.0 / bitsPerSecond)) * noise;

    /// <summary>Fixed noise: uniform in [1 - spread, 1 + spread], from a fixed seed.</summary>
    private static double[] Noise(int count, double spread, int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, count).Select(_ => 1 - spread + (2 * spread * random.NextDouble())).ToArray();
    }

    [TestCase(1)]
    [TestCase(2)]
    [TestCase(3)]
    public void ConvergesWithinTenPercentOfTheRateInTwentyNoisyTransfers(int seed)
    {
        const double rate = 100e6;
        var estimator = new LinkEstimator();
        estimator.ObserveRoundTrip(RoundTripMs);
        var noise = Noise(20, 0.2, seed);
        var sizes = new[] { 200_000L, 1_000_000L, 600_000L, 3_000_000L };
        for (var i = 0; i < 20; i++)
        {
            var bytes = sizes[i % sizes.Length];
            estimator.Observe(bytes, TransferMs(bytes, rate, noise[i]));
        }

        var estimate = estimator.Current!.Value;
        Assert.That(estimate.BandwidthBitsPerSecond, Is.EqualTo(rate).Within(10).Percent);
        Assert.That(estimate.Samples, Is.EqualTo(20));
        Assert.That(estimate.RoundTripMs, Is.EqualTo(RoundTripMs));
    }

    [Test]
    public void TheFirstSampleIsTheEstimateNotAFractionOfIt()
    {
        // Without the start-up correction, an average that starts at 0 reports a fraction of the first sample.
        var estimator = new LinkEstimator();
        estimator.Observe(1_000_000, 80); // 100 Mbit/s, no round trip known
        Assert.That(estimator.Current!.Value.BandwidthBitsPerSecond, Is.EqualTo(100e6).Within(1e-6).Percent);
    }

    [Test]
    public void FollowsADropWithinTwoSecondsOfTraffic()
    {
        var estimator = new LinkEstimator();
        estimator.ObserveRoundTrip(RoundTripMs);
        const long bytes = 500_000;
        for (var i = 0; i < 100; i++)
        {
            estimator.Observe(bytes, TransferMs(bytes, 100e6));
        }

        Assert.That(estimator.Current!.Value.BandwidthBitsPerSecond, Is.EqualTo(100e6).Within(1).Percent);
        var trafficMs = 0.0;
        while (trafficMs < 2000)
        {
            var ms = TransferMs(bytes, 10e6);
            estimator.Observe(bytes, ms);
            trafficMs += ms;
        }

        Assert.That(estimator.Current!.Value.BandwidthBitsPerSecond, Is.EqualTo(10e6).Within(10).Percent);
    }

    [Test]
    public void FollowsARiseWithinTwoSecondsOfTrafficButNotAfterOneBurst()
    {
        var estimator = new LinkEstimator();
        estimator.ObserveRoundTrip(RoundTripMs);
        const long bytes = 500_000;
        for (var i = 0; i < 20; i++)
        {
            estimator.Observe(bytes, TransferMs(bytes, 10e6));
        }

        // One fast transfer is not believed: the pessimistic (slow) average holds the estimate down.
        estimator.Observe(bytes, TransferMs(bytes, 100e6));
        Assert.That(estimator.Current!.Value.BandwidthBitsPerSecond, Is.LessThan(15e6));

        var trafficMs = TransferMs(bytes, 100e6);
        while (trafficMs < 2000)
        {
            var ms = TransferMs(bytes, 100e6);
            estimator.Observe(bytes, ms);
            trafficMs += ms;
        }

        Assert.That(estimator.Current!.Value.BandwidthBitsPerSecond, Is.EqualTo(100e6).Within(10).Percent);
    }

    [Test]
    public void TinyTransfersAreRoundTripsAndMidSizedOnesAreIgnored()
    {
        var estimator = new LinkEstimator();
        estimator.Observe(1_000_000, TransferMs(1_000_000, 100e6));
        // 4 KB in 2 ms would read as 16 Mbit/s if it were taken as a bandwidth sample.
        for (var i = 0; i < 10; i++)
        {
            estimator.Observe(4_096, RoundTripMs);
            estimator.Observe(30_000, TransferMs(30_000, 100e6)); // below 64 KiB: latency dominated
        }

        var estimate = estimator.Current!.Value;
        Assert.That(estimate.Samples, Is.EqualTo(1));
        Assert.That(estimator.IgnoredSamples, Is.EqualTo(10));
        Assert.That(estimate.RoundTripMs, Is.EqualTo(RoundTripMs).Within(1e-9));
        Assert.That(estimate.BandwidthBitsPerSecond, Is.GreaterThan(95e6));
    }

    [Test]
    public void TheRoundTripIsTakenOffBeforeTheThroughputIsComputed()
    {
        var estimator = new LinkEstimator();
        estimator.ObserveRoundTrip(20);
        estimator.Observe(125_000, 30); // 1 Mbit in 10 ms after a 20 ms round trip: 100 Mbit/s, not 33
        Assert.That(estimator.Current!.Value.BandwidthBitsPerSecond, Is.EqualTo(100e6).Within(1e-6).Percent);
        estimator.Observe(125_000, 21); // 1 ms of 21 is throughput: dominated by latency, ignored
        Assert.That(estimator.IgnoredSamples, Is.EqualTo(1));
    }

    [Test]
    public void StartsFromThePriorAndForgetsBackToIt()
    {
        var clock = new ManualClock();
        var prior = new LinkEstimate(500e6, 2.5, 0);
        var estimator = new LinkEstimator(new LinkEstimatorOptions { Prior = prior, ForgetAfter = TimeSpan.FromSeconds(10) }, clock);
        Assert.That(estimator.Current, Is.EqualTo(prior));
        estimator.Observe(1_000_000, 2.5 + 800); // 10 Mbit/s
        Assert.That(estimator.Current!.Value.BandwidthBitsPerSecond, Is.EqualTo(10e6).Within(1e-6).Percent);
        clock.Advance(TimeSpan.FromSeconds(9));
        Assert.That(estimator.Current!.Value.Samples, Is.EqualTo(1));
        clock.Advance(TimeSpan.FromSeconds(2));
        Assert.That(estimator.Current, Is.EqualTo(prior));
    }

    [Test]
    public void LearnsFromTheStagesOfAServedRequest()
    {
        var estimator = new LinkEstimator();
        estimator.Observe(
        [
            new StageMeasurement(0, "edge", 50, 0, 0, 0),
            new StageMeasurement(1, "cloud", 20, 82, 1_000_000, 4_000),
        ]);
        Assert.That(estimator.Current!.Value.BandwidthBitsPerSecond, Is.EqualTo(1_004_000 * 8 / 0.082).Within(1e-6).Percent);
    }

    [Test]
    public void BadOptionsAndSamplesAreRefused()
    {
        Assert.That(() => new LinkEstimator(new LinkEstimatorOptions { FastHalfLifeSeconds = 2, SlowHalfLifeSeconds = 1 }), Throws.ArgumentException.With.Message.Contains("FastHalfLifeSeconds"));
        Assert.That(() => new LinkEstimator(new LinkEstimatorOptions { MinBandwidthSampleBytes = 100, MaxRoundTripSampleBytes = 200 }), Throws.ArgumentException.With.Message.Contains("MaxRoundTripSampleBytes"));
        Assert.That(() => new LinkEstimator(new LinkEstimatorOptions { ForgetAfter = TimeSpan.Zero }), Throws.InstanceOf<ArgumentOutOfRangeException>());
        var estimator = new LinkEstimator();
        Assert.That(() => estimator.Observe(1000, double.NaN), Throws.InstanceOf<ArgumentOutOfRangeException>());
        Assert.That(() => estimator.Observe(-1, 5), Throws.InstanceOf<ArgumentOutOfRangeException>());
        Assert.That(estimator.Current, Is.Null);
    }

    private sealed class ManualClock : TimeProvider
    {
        private long _ticks;

        public override long TimestampFrequency => TimeSpan.TicksPerSecond;

        public override long GetTimestamp() => _ticks;

        public void Advance(TimeSpan by) => _ticks += by.Ticks;
    }
}
