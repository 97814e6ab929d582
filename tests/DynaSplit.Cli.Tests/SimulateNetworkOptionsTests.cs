namespace DynaSplit.Cli.Tests;

public sealed class SimulateNetworkOptionsTests
{
    [Test]
    public void ABandwidthTracePrintsTheRecordedLinkAndEachSegment()
    {
        var trace = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"bandwidth-{Guid.NewGuid():N}.csv");
        File.WriteAllText(trace, "time_s,mbit_s\n0,588.3\n100,58.83\n200,588.3\n");
        try
        {
            var (exit, output, error) = Cli.Run("simulate", "--requests", "600", "--arrival-rate", "2", "--bandwidth-trace", trace, "--strategies", "dynasplit,predictive", "--optimizer", "random");
            Assert.That(exit, Is.Zero, error);
            Assert.That(output, Does.Contain("recorded on 588.3 Mbit/s + 2.29 ms per transfer; arrivals Poisson 2/s"));
            Assert.That(output, Does.Contain("100s 58.83M"));
            Assert.That(output.Split('\n').Count(l => l.StartsWith("predictive", StringComparison.Ordinal)), Is.EqualTo(2), "a row in the table and one per segment");
        }
        finally
        {
            File.Delete(trace);
        }
    }

    [TestCase("time_s,mbit_s\n0,100\n5,-3\n", ":3, column 2: '-3' is not a rate")]
    [TestCase("0,100\n0,50\n", ":2: time 0 s is not after the previous row's")]
    public void ABadTraceGetsAClearErrorAndExitCode2(string text, string expected)
    {
        var trace = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"bandwidth-{Guid.NewGuid():N}.csv");
        File.WriteAllText(trace, text);
        try
        {
            var (exit, _, error) = Cli.Run("simulate", "--requests", "10", "--bandwidth-trace", trace);
            Assert.That(exit, Is.EqualTo(2));
            Assert.That(error, Does.Contain(trace).And.Contain(expected));
        }
        finally
        {
            File.Delete(trace);
        }
    }

    [Test]
    public void ANonPositiveArrivalRateIsRefused()
    {
        var (exit, _, error) = Cli.Run("simulate", "--requests", "10", "--arrival-rate", "0");
        Assert.That(exit, Is.EqualTo(2));
        Assert.That(error, Does.Contain("--arrival-rate 0 must be a positive number of requests per second"));
    }
}
