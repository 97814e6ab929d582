namespace DynaSplit.Cli.Tests;

/// <summary>`simulate --bandwidth-trace ... --plot`: the link's rate, the chosen split and each request's latency and energy against time.</summary>
public sealed class TimelinePlotTests
{
    private string _directory = null!;

    [SetUp]
    public void CreateDirectory() => Directory.CreateDirectory(_directory = Path.Combine(Path.GetTempPath(), $"timeline-{Guid.NewGuid():N}"));

    [TearDown]
    public void DeleteDirectory() => Directory.Delete(_directory, recursive: true);

    [Test]
    public void TheTimelineIsDrawnWithLabelledAxesAndChangesWithTheTrace()
    {
        var step = Cli.RepositoryFile("docs/traces/vgg16-step-tenth.csv");
        var constant = Cli.RepositoryFile("docs/traces/vgg16-constant.csv");
        string[] common = ["simulate", "--requests", "1000", "--arrival-rate", "0.5", "--strategies", "dynasplit,predictive"];

        var svg = Path.Combine(_directory, "step.svg");
        var (exit, _, error) = Cli.Run([.. common, "--bandwidth-trace", step, "--plot", svg]);
        Assert.That(exit, Is.Zero, error);
        var text = File.ReadAllText(svg);
        Assert.That(text, Does.StartWith("<?xml").And.Contain("<svg"));
        foreach (var label in new[]
        {
            "link (Mbit/s)", "time (s)", "split point", "latency (ms, log)", "energy (J)", "link rate (bandwidth trace)",
            "latency threshold of the request", "dynasplit: chosen split point", "dynasplit: latency per request (", "predictive: latency per request (",
            "missed their threshold)", "predictive: energy (", " J in all)",
            "Requests over time (link: vgg16-step-tenth.csv", "latency per inference (ms, log scale)",
        })
        {
            Assert.That(text, Does.Contain(label), label);
        }

        // The same run over a constant link: a different picture (PNG is written by the same code, see PlotTests).
        var svgOfConstant = Path.Combine(_directory, "constant.svg");
        Assert.That(Cli.Run([.. common, "--bandwidth-trace", constant, "--plot", svgOfConstant]).ExitCode, Is.Zero);
        var constantText = File.ReadAllText(svgOfConstant);
        Assert.That(constantText, Does.Contain("Requests over time (link: vgg16-constant.csv"));
        Assert.That(new FileInfo(svgOfConstant).Length, Is.GreaterThan(100_000), "thousands of points, not an empty canvas");
        Assert.That(constantText, Is.Not.EqualTo(text), "the picture follows the data");
    }
}
