using System.Diagnostics;
using System.Runtime.InteropServices;

namespace DynaSplit.Cli.Tests;

/// <summary>
/// SIGINT and SIGTERM reach the running command's cancellation token: it stops within a second with the documented
/// code (docs/cli.md), one line on stderr, and nothing left behind.
/// </summary>
[Platform(Include = "Linux,MacOsX")]
public sealed class InterruptTests
{
    private const int SigInt = 2;
    private const int SigTerm = 15;

    [TestCase(SigTerm, 143, "SIGTERM")]
    public void ASignalDuringALongRunStopsItWithinOneSecond(int signal, int expectedExit, string name)
    {
        // 21 offline phases take about 20 s; the signal arrives in the middle of the first ones.
        using var process = Cli.Start("hypervolume", "--seeds", "21");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        try
        {
            Thread.Sleep(TimeSpan.FromSeconds(1.5));
            Assert.That(process.HasExited, Is.False, "still running when the signal is sent");
            var sent = Stopwatch.StartNew();
            Assert.That(Kill(process.Id, signal), Is.Zero);
            var exited = process.WaitForExit(TimeSpan.FromSeconds(10));
            var elapsed = sent.Elapsed;

            Assert.That(exited, Is.True);
            Assert.That(process.ExitCode, Is.EqualTo(expectedExit));
            Assert.That(elapsed, Is.LessThan(TimeSpan.FromSeconds(1)));
            Assert.That(error.Result, Does.Contain($"interrupted by {name}"), "the command saw the signal (a process the signal killed prints nothing)");
            Assert.That(error.Result, Does.Not.Contain("   at "));
            Assert.That(output.Result, Is.Empty, "no results of a run that did not finish");
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
    }

    /// <summary>
    /// The acceptance test of issue 15: SIGINT at 20 seeded moments while each command runs. Each try runs the CLI
    /// in a fresh folder (its working folder, TMPDIR and HOME empty, the model copied in, the split's output folder
    /// holding an earlier split) and checks: exit code 130 within 1 s of the signal, one line on stderr without a
    /// stack trace, nothing on stdout, and every folder exactly as before: no temporaries, no half-written head or
    /// tail, no ONNX Runtime session file (<c>$TMPDIR/.ses</c>) or device id (<c>$HOME/.cache</c>).
    /// </summary>
    [TestCase(InterruptScenario.Hypervolume)]
    [TestCase(InterruptScenario.Verify)]
    [TestCase(InterruptScenario.Split)]
    [Category("Interrupts")]
    [Platform(Include = "Linux")] // the moment the command is running is read from /proc/PID/maps
    public void SigintAtTwentyMomentsStopsTheCommandAndLeavesNothing(InterruptScenario scenario)
    {
        if (Environment.GetEnvironmentVariable(QuietRunVariable) != "1")
        {
            Assert.Ignore($"Timed against a 1 s bound, so it runs on its own, after the suite, with nothing else on the cores: .ci/run sets {QuietRunVariable}=1 and runs --filter TestCategory=Interrupts.");
        }

        var random = new Random(15 + (int)scenario);
        var clock = Stopwatch.StartNew();
        // The signal must come while the command runs: at most half of what an uninterrupted run has left once it is
        // seen running on this machine (split finishes in well under a second on a quiet one).
        var maxDelayMs = Math.Min(InterruptScenarios.MaxDelayMs(scenario), (int)(InterruptTry.RemainingWhenRunning(scenario).TotalMilliseconds / 2));
        var gaps = new List<double>();
        for (var attempt = 0; attempt < 20; attempt++)
        {
            var delay = TimeSpan.FromMilliseconds(random.Next(Math.Max(1, maxDelayMs)));
            gaps.Add(InterruptTry.Run(scenario, delay, attempt).TotalMilliseconds);
        }

        var summary = $"{scenario}: signal to exit {gaps.Min():F0}..{gaps.Max():F0} ms (median {gaps.Order().ElementAt(10):F0}; each: {string.Join(", ", gaps.Select(g => g.ToString("F0", System.Globalization.CultureInfo.InvariantCulture)))}); {clock.Elapsed.TotalSeconds:F1} s in all";
        TestContext.Out.WriteLine(summary);
        Assert.That(gaps, Has.All.LessThan(1000), $"every try exits within 1 s of SIGINT; {summary}");
    }

    /// <summary>Set to 1 to run the timed 20-try test (the CI does, on its own after the suite).</summary>
    internal const string QuietRunVariable = "DYNASPLIT_INTERRUPT_TESTS";

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    internal static extern int Kill(int pid, int signal);
}
