using DynaSplit.Simulation.Workload;

namespace DynaSplit.Simulation.Tests;

public sealed class QosWorkloadTests
{
    [Test]
    public void RescalingMapsTheExtremesToTheBoundsLinearly()
    {
        var rescaled = QosWorkload.Rescale([2, 4, 3, 10], 90.6, 5026.8);
        Assert.That(rescaled[0], Is.EqualTo(90.6));
        Assert.That(rescaled[3], Is.EqualTo(5026.8).Within(1e-9));
        Assert.That(rescaled[1], Is.EqualTo(90.6 + (2.0 / 8 * (5026.8 - 90.6))).Within(1e-9));
        Assert.That(rescaled[2], Is.EqualTo(90.6 + (1.0 / 8 * (5026.8 - 90.6))).Within(1e-9));
    }

    [Test]
    public void WeibullShapeOneIsExponentialBeforeRescaling()
    {
        var thresholds = QosWorkload.Weibull(20_000, 90.6, 5026.8, seed: 1);

        Assert.That(thresholds.Min(), Is.EqualTo(90.6));
        Assert.That(thresholds.Max(), Is.EqualTo(5026.8).Within(1e-9));
        // For an exponential, median / mean = ln 2 (uniform would give 1; shape 2 about 0.94).
        var shifted = thresholds.Select(t => t - 90.6).OrderBy(t => t).ToArray();
        var ratio = shifted[shifted.Length / 2] / shifted.Average();
        Assert.That(ratio, Is.EqualTo(Math.Log(2)).Within(0.03));
    }

    [Test]
    public void TheWorkloadIsSeeded()
    {
        Assert.That(QosWorkload.Weibull(100, 1, 2, seed: 5), Is.EqualTo(QosWorkload.Weibull(100, 1, 2, seed: 5)));
        Assert.That(QosWorkload.Weibull(100, 1, 2, seed: 5), Is.Not.EqualTo(QosWorkload.Weibull(100, 1, 2, seed: 6)));
    }

    [Test]
    public void BadBoundsAreRefused()
    {
        Assert.That(() => QosWorkload.Weibull(10, 500, 100, 0), Throws.ArgumentException.With.Message.Contains("0 <= min <= max"));
        Assert.That(() => QosWorkload.Weibull(0, 1, 2, 0), Throws.TypeOf<ArgumentOutOfRangeException>());
    }

    [Test]
    public void ACsvTraceMayHaveAHeader()
    {
        Assert.That(QosWorkload.ReadCsv(new StringReader("threshold_ms\n100\n250.5\n"), "trace.csv"), Is.EqualTo(new[] { 100, 250.5 }));
        Assert.That(QosWorkload.ReadCsv(new StringReader("100\n250.5\n"), "trace.csv"), Is.EqualTo(new[] { 100, 250.5 }));
    }

    [Test]
    public void ABadThresholdIsNamedWithTheFileAndLine()
    {
        Assert.That(() => QosWorkload.ReadCsv(new StringReader("threshold_ms\n100\nfast\n"), "trace.csv"),
            Throws.TypeOf<InvalidDataException>().With.Message.EqualTo("trace.csv:3, column 1: 'fast' is not a latency threshold (a non-negative number of milliseconds)."));
        Assert.That(() => QosWorkload.ReadCsv(new StringReader("threshold_ms\n"), "trace.csv"), Throws.TypeOf<InvalidDataException>().With.Message.Contains("no thresholds"));
    }
}
