using System.Diagnostics;
using System.Runtime.InteropServices;

namespace DynaSplit.Cli.Tests;

/// <summary>SIGINT and SIGTERM reach the running command's cancellation token: it stops at once with the documented code.</summary>
[Platform(Include = "Linux,MacOsX")]
public sealed class InterruptTests
{
    private const int SigInt = 2;
    private const int SigTerm = 15;

    [TestCase(SigInt, 130, "SIGINT")]
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

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);
}
