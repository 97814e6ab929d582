using System.Diagnostics;

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
        if (!File.Exists("/usr/bin/script"))
        {
            Assert.Ignore("util-linux 'script' (to run under a pseudo-terminal) is not installed");
        }

        // script(1) runs the command with a pseudo-terminal as its standard input, output and error.
        var start = new ProcessStartInfo("/usr/bin/script") { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true, UseShellExecute = false };
        foreach (var arg in new[] { "-qfec", $"{Cli.CommandLine} simulate --seeds 5 --requests 1000", "/dev/null" })
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["TERM"] = "xterm-256color";
        start.Environment["COLUMNS"] = "120";
        using var process = Process.Start(start)!;
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        Assert.That(process.WaitForExit(TimeSpan.FromMinutes(3)), Is.True);
        var text = output.Result;

        Assert.That(process.ExitCode, Is.Zero, text);
        Assert.That(text, Does.Contain("offline phase, seed 4 (5 of 5)"), "the progress bar names the seed it runs");
        Assert.That(text, Does.Contain("%"), "the progress bar shows a percentage");
        Assert.That(text, Does.Contain("\u001b["), "a terminal gets ANSI sequences");
        Assert.That(text, Does.Contain("╭").And.Contain("│ dynasplit"), "the table is drawn with Spectre.Console's rounded border");
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
