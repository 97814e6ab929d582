using DynaSplit.Simulation.Network;

namespace DynaSplit.Simulation.Tests.Network;

public sealed class BandwidthTraceTests
{
    [Test]
    public void ReadsTimeAndMbitPerSecondRowsAsSteps()
    {
        var trace = BandwidthTrace.ReadCsv(new StringReader("time_s,mbit_s\n0,100\n\n10,10\n20,100\n"), "steps.csv");
        Assert.That(trace.Points, Has.Count.EqualTo(3));
        Assert.That(trace.RateAt(0), Is.EqualTo(100e6));
        Assert.That(trace.RateAt(9.999), Is.EqualTo(100e6));
        Assert.That(trace.RateAt(10), Is.EqualTo(10e6));
        Assert.That(trace.RateAt(1e6), Is.EqualTo(100e6), "the last rate holds for ever");
    }

    [Test]
    public void ATransferAcrossAStepIsChargedBothRates()
    {
        var trace = new BandwidthTrace([(0, 100e6), (10, 10e6)]);
        Assert.That(trace.SerializationMs(1_250_000, 0), Is.EqualTo(100).Within(1e-9), "10 Mbit at 100 Mbit/s");
        Assert.That(trace.SerializationMs(1_250_000, 10.5), Is.EqualTo(1000).Within(1e-9), "10 Mbit at 10 Mbit/s");
        // Starts 50 ms before the drop: 5 Mbit go at 100 Mbit/s, the other 5 Mbit at 10 Mbit/s take 500 ms.
        Assert.That(trace.SerializationMs(1_250_000, 9.95), Is.EqualTo(550).Within(1e-6));
        Assert.That(trace.SerializationMs(0, 3), Is.Zero);
    }

    [TestCase("time,rate\n0,100\n5,abc\n", "bad.csv:3, column 2: 'abc' is not a rate")]
    [TestCase("0,100\n5,0\n", "bad.csv:2, column 2: '0' is not a rate")]
    [TestCase("0,100\n-1,5\n", "bad.csv:2, column 1: '-1' is not a time")]
    [TestCase("0,100\n5,10\n5,20\n", "bad.csv:3: time 5 s is not after the previous row's")]
    [TestCase("0\n", "bad.csv:1: expected 'time in seconds, Mbit/s'")]
    [TestCase("time,rate\n", "bad.csv: no rows")]
    public void BadRowsAreRefusedWithTheirLine(string text, string message)
    {
        Assert.That(() => BandwidthTrace.ReadCsv(new StringReader(text), "bad.csv"), Throws.InstanceOf<InvalidDataException>().With.Message.Contains(message));
    }

    [Test]
    public void AMissingFileIsNamed()
    {
        Assert.That(() => BandwidthTrace.ReadCsv("/nonexistent/trace.csv"), Throws.InstanceOf<InvalidDataException>().With.Message.Contains("bandwidth trace '/nonexistent/trace.csv'"));
    }

    [Test]
    public void PoissonArrivalsHaveTheRateAndRepeatWithTheSeed()
    {
        var a = PoissonArrivals.Generate(10_000, 2, 5);
        Assert.That(a, Is.Ordered.Ascending);
        Assert.That(a[^1] / a.Length, Is.EqualTo(0.5).Within(3).Percent, "mean gap 1 / rate");
        var gaps = a.Zip(a.Skip(1), (x, y) => y - x).ToArray();
        Assert.That(gaps.Count(g => g < 0.5) / (double)gaps.Length, Is.EqualTo(1 - Math.Exp(-1)).Within(0.02), "exponential gaps: P(gap < mean) = 1 - 1/e");
        Assert.That(PoissonArrivals.Generate(10_000, 2, 5), Is.EqualTo(a));
        Assert.That(PoissonArrivals.Generate(10, 2, 6), Is.Not.EqualTo(a.Take(10)));
        Assert.That(() => PoissonArrivals.Generate(10, 0, 1), Throws.InstanceOf<ArgumentOutOfRangeException>());
    }
}
