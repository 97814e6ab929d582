namespace DynaSplit.Cli.Tests;

/// <summary>
/// On a terminal the CLI shows progress and Spectre.Console tables; redirected, standard output is exactly the
/// plain table (or the JSON), with no escape sequences and no progress.
/// </summary>
public sealed class ConsoleOutputTests
{
    [Test]
    [Platform(Include = "Linux")]
    public void UnderAPseudoTerminalSimulateShowsProgressAndASpectreTable()
    {
        var (exit, text) = Cli.RunUnderTerminal("simulate", "--seeds", "5", "--requests", "1000");

        Assert.That(exit, Is.Zero, text);
        Assert.That(text, Does.Contain("offline phase, seed 4 (5 of 5)"), "the progress bar names the seed it runs");
        Assert.That(text, Does.Contain("%"), "the progress bar shows a percentage");
        Assert.That(text, Does.Contain("\u001b["), "a terminal gets ANSI sequences");
        Assert.That(text, Does.Contain("╭").And.Contain("│ dynasplit"), "the table is drawn with Spectre.Console's rounded border");
    }

    [Test]
    [Platform(Include = "Linux")]
    public void UnderAPseudoTerminalOptimizeShowsItsProgressAndRedirectedOnlyTheTableOrTheJson()
    {
        var directory = Path.Combine(Path.GetTempPath(), $"optimize-pty-{Guid.NewGuid():N}");
        Directory.CreateDirectory(directory);
        try
        {
            // 66 split points, budget 0.05 = 4 trials of 1 + 2 inferences.
            string[] args = ["optimize", Cli.Model("squeezenet1_1.onnx"), "--budget", "0.05", "--study", Path.Combine(directory, "study.db"), "--warmup", "1", "--inferences", "2", "--no-knobs"];
            var (exit, text) = Cli.RunUnderTerminal(args);

            Assert.That(exit, Is.Zero, text);
            Assert.That(text, Does.Match(@"offline phase: [1-3]/4 \([1-3] measured, 0 from the study\)"), "the bar moves while the trials run (it redraws a few times a second, so not every count shows)");
            Assert.That(text, Does.Contain("offline phase: 4/4 (4 measured, 0 from the study)"));
            Assert.That(text, Does.Contain("100%"), "the progress bar shows a percentage");
            Assert.That(text, Does.Contain("\u001b["), "a terminal gets ANSI sequences");
            Assert.That(text, Does.Contain("╭").And.Contain("│ split="), "the table is drawn with Spectre.Console's rounded border");

            // The same study again, redirected: nothing is measured; stdout is the notes and the plain table, with no
            // progress and no escape sequences, and nothing on stderr.
            var (plainExit, plain, plainError) = Cli.Run(args);
            Assert.That(plainExit, Is.Zero, plainError);
            Assert.That(plainError, Is.Empty, "no progress on stderr either");
            Assert.That(plain, Does.Not.Contain("\u001b").And.Not.Contain("offline phase"));
            var lines = plain.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            using var table = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(directory, "study.table.json")));
            var splits = table.RootElement.GetProperty("entries").EnumerateArray().Select(e => "split=" + e.GetProperty("configuration").GetProperty("split").GetString()).ToList();
            Assert.That(lines.Select(l => l.Split(':')[0]).Take(6), Is.EqualTo(new[] { "model", "knobs", "energy", "space", "study", "offline" }));
            Assert.That(lines[5], Does.StartWith("offline: 0 configurations measured now, 4 from the study"));
            Assert.That(lines[6], Does.Match("^configuration +latency ms +energy J$"));
            Assert.That(lines.Skip(7).SkipLast(1).Select(l => l.Split(' ')[0]), Is.EquivalentTo(splits), "one row per lookup-table entry");
            Assert.That(lines.Skip(7).SkipLast(1), Has.All.Match(@"^split=\d+ +\d+\.\d{2} +\d+\.\d{4}$"));
            Assert.That(lines[^1], Does.StartWith("wrote "));

            // With --json, stdout is exactly one JSON document.
            var (jsonExit, json, jsonError) = Cli.Run([.. args, "--json"]);
            Assert.That(jsonExit, Is.Zero, jsonError);
            Assert.That(jsonError, Is.Empty);
            using var report = System.Text.Json.JsonDocument.Parse(json);
            Assert.That(report.RootElement.GetProperty("offline").GetProperty("reused").GetInt32(), Is.EqualTo(4));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Test]
    public void RedirectedStandardOutputIsExactlyThePlainTable()
    {
        var (exit, output, error) = Cli.Run("simulate", "--seeds", "2", "--requests", "500", "--strategies", "cloud-only,dynasplit");
        Assert.That(exit, Is.Zero, error);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);

        Assert.That(output, Does.Not.Contain("\u001b"), "no escape sequences");
        Assert.That(error, Is.Empty, "no progress on stderr either");
        Assert.That(lines[0], Does.StartWith("pool: embedded:simulation_pool_vgg16.csv"));
        Assert.That(lines[^3], Is.EqualTo("strategy                latency ms   energy J  QoS met  saved vs cloud"));
        Assert.That(lines[^2], Does.Match(@"^cloud-only +\d+\.\d +\d+\.\d{3} +\d+\.\d % +0\.0 %$"));
        Assert.That(lines[^1], Does.StartWith("dynasplit "));
    }
}
