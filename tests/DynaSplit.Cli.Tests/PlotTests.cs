namespace DynaSplit.Cli.Tests;

/// <summary>The pictures: files of the right format, with labelled axes and legends a person can read.</summary>
public sealed class PlotTests
{
    private string _directory = null!;

    [SetUp]
    public void CreateDirectory() => Directory.CreateDirectory(_directory = Path.Combine(Path.GetTempPath(), $"plots-{Guid.NewGuid():N}"));

    [TearDown]
    public void DeleteDirectory() => Directory.Delete(_directory, recursive: true);

    [Test]
    public void SimulateDrawsThePngAndThePlotCommandRedrawsItAsSvgFromTheJson()
    {
        var png = Path.Combine(_directory, "front.png");
        var (exit, output, error) = Cli.Run("simulate", "--requests", "500", "--plot", png, "--json");
        Assert.That(exit, Is.Zero, error);
        var header = File.ReadAllBytes(png).AsSpan(0, 8).ToArray();
        Assert.That(header, Is.EqualTo(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }), "a PNG signature");
        Assert.That(new FileInfo(png).Length, Is.GreaterThan(20_000), "three panels of points, lines and bars, not an empty canvas");

        var json = Path.Combine(_directory, "run.json");
        File.WriteAllText(json, output);
        var svg = Path.Combine(_directory, "front.svg");
        var (plotExit, _, plotError) = Cli.Run("plot", json, "--out", svg);
        Assert.That(plotExit, Is.Zero, plotError);
        var text = File.ReadAllText(svg);
        Assert.That(text, Does.StartWith("<?xml").And.Contain("<svg"));
        foreach (var label in new[]
        {
            "latency per inference (ms, log scale)", "energy per inference (J, log scale)", "exhaustive Pareto front (",
            "lookup table, nsga3-budget (measured) (", "measured configurations, mean (747)", "mean energy per request (J)",
            "requests that met their latency threshold (%)", "static-lowest-energy", "oracle",
        })
        {
            Assert.That(text, Does.Contain(label), label);
        }
    }

    [Test]
    public void ProfileDrawsHeadHandoffTailAndCutSizeBySplitPoint()
    {
        var svg = Path.Combine(_directory, "profile.svg");
        var (exit, _, error) = Cli.Run("profile", Cli.Model("squeezenet1_1.onnx"), "--warmup", "0", "--repetitions", "1", "--plot", svg);
        Assert.That(exit, Is.Zero, error);
        var text = File.ReadAllText(svg);
        foreach (var label in new[] { "time per inference on this host (ms, median)", "cut size per sample (KiB, log scale)", "split point (0 = all in the cloud)", "head (edge part)", "tail (cloud part)", "squeezenet1_1.onnx" })
        {
            Assert.That(text, Does.Contain(label), label);
        }
    }

    [Test]
    public void HypervolumeDrawsEachSeed()
    {
        var svg = Path.Combine(_directory, "hv.svg");
        var (exit, _, error) = Cli.Run("hypervolume", "--seeds", "2", "--plot", svg);
        Assert.That(exit, Is.Zero, error);
        Assert.That(File.ReadAllText(svg), Does.Contain("offline phase seed").And.Contain("median 0.99"));
    }

    [TestCase("simulate", "--plot", "front.jpg", "name the file *.png or *.svg")]
    [TestCase("simulate", "--plot", "missing/front.png", "does not exist")]
    [TestCase("simulate", "--table-out", "missing/table.json", "does not exist")]
    [TestCase("hypervolume", "--plot", "missing/hv.png", "does not exist")]
    public void AnUnwritableOutputIsRefusedBeforeTheRun(string command, string option, string file, string expected)
    {
        var (exit, output, error) = Cli.Run(command, option, Path.Combine(_directory, file), "--seeds", "21");
        Assert.That(exit, Is.EqualTo(2));
        Assert.That(error, Does.StartWith("error: ").And.Contain(expected));
        Assert.That(output, Is.Empty, "refused before 21 offline phases ran");
        Assert.That(Directory.EnumerateFileSystemEntries(_directory), Is.Empty);
    }
}
