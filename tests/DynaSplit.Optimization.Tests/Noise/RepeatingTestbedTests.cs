using DynaSplit.Spaces;
using DynaSplit.Testbed;
using DynaSplit.Trials;
using NUnit.Framework;

namespace DynaSplit.Optimization.Tests.Noise;

public sealed class RepeatingTestbedTests
{
    [Test]
    public async Task ARunFasterThanEveryEarlierOneIsRepeatedAndAveragedWhileTheAllowanceLasts()
    {
        // Runs in the order they are measured: a (first, so the fastest yet) 100, 110, 120; b (slower) 130;
        // c (faster) 90, 80 (the allowance of 3 extra runs is then spent); d (faster still) 70, not repeated.
        var inner = new ScriptedTestbed([100, 110, 120, 130, 90, 80, 70]);
        var testbed = new RepeatingTestbed(inner, runs: 3, maxRepeats: 3);
        var space = inner.Space;

        var a = await testbed.EvaluateAsync(space.Create([0.0]), CancellationToken.None);
        var b = await testbed.EvaluateAsync(space.Create([1.0]), CancellationToken.None);
        var c = await testbed.EvaluateAsync(space.Create([2.0]), CancellationToken.None);
        var d = await testbed.EvaluateAsync(space.Create([3.0]), CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(a.LatencyMs, Is.EqualTo(110), "mean of 100, 110, 120");
            Assert.That(a.EnergyJ, Is.EqualTo(11), "energy is a tenth of latency in the script");
            Assert.That(a.Accuracy, Is.EqualTo(0.5));
            Assert.That(b.LatencyMs, Is.EqualTo(130), "slower than a: measured once");
            Assert.That(c.LatencyMs, Is.EqualTo(85), "faster than a's mean: one extra run is all the allowance has left");
            Assert.That(d.LatencyMs, Is.EqualTo(70), "no allowance left");
            Assert.That(testbed.RepeatsMade, Is.EqualTo(3));
            Assert.That(inner.Measured, Is.EqualTo(7));
        });
    }

    [Test]
    public async Task TheRuleComparesWithTheResultsReturnedSoALuckyFirstRunDoesNotHideTheNextFastest()
    {
        // a: a lucky 60, then 120 and 120: its result is the mean 100. b: 80 is faster than every result (100), though
        // not than a's lucky first run, so it is repeated too: 80, 100, 120 -> 100.
        var inner = new ScriptedTestbed([60, 120, 120, 80, 100, 120]);
        var testbed = new RepeatingTestbed(inner, runs: 3, maxRepeats: 10);
        var space = inner.Space;

        var a = await testbed.EvaluateAsync(space.Create([0.0]), CancellationToken.None);
        var b = await testbed.EvaluateAsync(space.Create([1.0]), CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That((a.LatencyMs, a.Runs), Is.EqualTo((100.0, 3)));
            Assert.That((b.LatencyMs, b.Runs), Is.EqualTo((100.0, 3)));
            Assert.That(b.Inferences, Is.EqualTo(3), "the mean is over the inferences of all three runs");
            Assert.That(testbed.RepeatsMade, Is.EqualTo(4));
        });
    }

    [Test]
    public void RunsBelowTwoOrANegativeAllowanceAreRefused()
    {
        var inner = new ScriptedTestbed([1]);
        Assert.Throws<ArgumentOutOfRangeException>(() => _ = new RepeatingTestbed(inner, runs: 1, maxRepeats: 5));
        Assert.Throws<ArgumentOutOfRangeException>(() => _ = new RepeatingTestbed(inner, runs: 3, maxRepeats: -1));
    }

    private sealed class ScriptedTestbed(double[] latencies) : ITestbed
    {
        public ConfigurationSpace Space { get; } = new([new IntegerParameter("x", 0, 9)]);

        public int Measured { get; private set; }

        public ValueTask<TrialMeasurement> EvaluateAsync(Configuration configuration, CancellationToken cancellationToken)
        {
            var latency = latencies[Measured++];
            return ValueTask.FromResult(new TrialMeasurement { LatencyMs = latency, EnergyJ = latency / 10, Accuracy = 0.5 });
        }
    }
}
