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
        string[] common = ["simulate", "--requests", "1500", "--arrival-rate", "0.5", "--strategies", "dynasplit,predictive"];

        var svg = Path.Combine(_directory, "step.svg");
        var (exit, _, error) = Cli.Run([.. common, "--bandwidth-trace", step, "--plot", svg]);
        Assert.That(exit, Is.Zero, error);
        var text = File.ReadAllText(svg);
        Assert.That(text, Does.StartWith("<?xml").And.Contain("<svg"));
        foreach (var label in new[]
        {
            "bandwidth (Mbit/s)", "time (s)", "chosen split point (index)", "latency per request (ms, log scale)", "energy per request (J)",
            "link rate (trace)", "latency threshold", "dynasplit: latency (", "predictive: latency (", "predictive: energy (",
            "Requests over time (link: vgg16-step-tenth.csv", "latency per inference (ms, log scale)",
        })
        {
            Assert.That(text, Does.Contain(label), label);
        }

        var stepPng = Path.Combine(_directory, "step.png");
        var constantPng = Path.Combine(_directory, "constant.png");
        Assert.That(Cli.Run([.. common, "--bandwidth-trace", step, "--plot", stepPng]).ExitCode, Is.Zero);
        Assert.That(Cli.Run([.. common, "--bandwidth-trace", constant, "--plot", constantPng]).ExitCode, Is.Zero);
        foreach (var png in new[] { stepPng, constantPng })
        {
            Assert.That(File.ReadAllBytes(png).AsSpan(0, 8).ToArray(), Is.EqualTo(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }));
            Assert.That(new FileInfo(png).Length, Is.GreaterThan(60_000), "seven panels of points and lines, not an empty canvas");
        }

        Assert.That(File.ReadAllBytes(stepPng), Is.Not.EqualTo(File.ReadAllBytes(constantPng)), "the picture follows the data");
    }
}
