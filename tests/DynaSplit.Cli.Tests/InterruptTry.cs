using System.Diagnostics;

namespace DynaSplit.Cli.Tests;

/// <summary>The commands of issue 15's interrupt criterion.</summary>
public enum InterruptScenario
{
    /// <summary><c>hypervolume --seeds 21</c> (21 offline phases on the embedded pool).</summary>
    Hypervolume,

    /// <summary><c>verify MODEL --at all</c> on PP-OCRv4 (331 split points).</summary>
    Verify,

    /// <summary><c>split MODEL --at 100 --out DIR</c> on PP-OCRv4, into a folder that holds an earlier split.</summary>
    Split,
}

/// <summary>Each scenario's command line, the sign that its command is running, and how late the signal may come.</summary>
internal static class InterruptScenarios
{
    private const string Model = "ch_PP-OCRv4_det_infer.onnx";

    public static string[] Arguments(InterruptScenario scenario, string folder) => scenario switch
    {
        InterruptScenario.Hypervolume => ["hypervolume", "--seeds", "21"],
        InterruptScenario.Verify => ["verify", Path.Combine(folder, "model", Model), "--at", "all"],
        InterruptScenario.Split => ["split", Path.Combine(folder, "model", Model), "--at", "100", "--out", Path.Combine(folder, "out")],
        _ => throw new ArgumentOutOfRangeException(nameof(scenario)),
    };

    /// <summary>
    /// What /proc/PID/maps shows once the command's action runs (not while the runtime starts or the command line is
    /// parsed): hypervolume's first line loads Spectre.Console; verify and split load ONNX Runtime to probe shapes.
    /// </summary>
    public static string Running(InterruptScenario scenario) => scenario == InterruptScenario.Hypervolume ? "Spectre.Console.dll" : "libonnxruntime.so";

    /// <summary>
    /// The signal comes a seeded random time up to this after the command is seen running. Split has about a second
    /// left then (probe, extraction, writing); verify and hypervolume run for a minute and 20 s.
    /// </summary>
    public static int MaxDelayMs(InterruptScenario scenario) => scenario == InterruptScenario.Split ? 400 : 2500;

    /// <summary>Lays out a try's folder: the model (verify, split), an earlier split in out/ (split).</summary>
    public static void Prepare(InterruptScenario scenario, string folder)
    {
        foreach (var sub in new[] { "cwd", "tmp", "home", "model", "out" })
        {
            Directory.CreateDirectory(Path.Combine(folder, sub));
        }

        if (scenario != InterruptScenario.Hypervolume)
        {
            File.Copy(Cli.Model(Model), Path.Combine(folder, "model", Model));
        }

        if (scenario == InterruptScenario.Split)
        {
            File.WriteAllText(Path.Combine(folder, "out", "head.onnx"), "an earlier split's head");
            File.WriteAllText(Path.Combine(folder, "out", "tail.onnx"), "an earlier split's tail");
        }
    }
}

/// <summary>One interrupted run of the CLI, with every check of issue 15's criterion.</summary>
internal static class InterruptTry
{
    private static readonly TimeSpan StartLimit = TimeSpan.FromMinutes(1);

    private static readonly string CliPath = typeof(InterruptTry).Assembly
        .GetCustomAttributes(typeof(System.Reflection.AssemblyMetadataAttribute), false)
        .Cast<System.Reflection.AssemblyMetadataAttribute>()
        .Single(a => a.Key == "CliPath").Value!;

    /// <summary>How long an uninterrupted run of the scenario goes on once it is seen running (one run, in a fresh folder).</summary>
    public static TimeSpan RemainingWhenRunning(InterruptScenario scenario)
    {
        var folder = Directory.CreateTempSubdirectory($"dynasplit-interrupt-{scenario}-").FullName;
        try
        {
            InterruptScenarios.Prepare(scenario, folder);
            using var process = Start(scenario, folder);
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            WaitUntilRunning(process, InterruptScenarios.Running(scenario), $"{scenario}, uninterrupted");
            var running = Stopwatch.StartNew();
            if (!process.WaitForExit(TimeSpan.FromSeconds(30)))
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit();
                return TimeSpan.FromSeconds(30);
            }

            _ = output.Result + error.Result;
            return running.Elapsed;
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>Runs the try and checks all but the time; returns the time from the signal to the exit.</summary>
    public static TimeSpan Run(InterruptScenario scenario, TimeSpan delay, int attempt)
    {
        var folder = Directory.CreateTempSubdirectory($"dynasplit-interrupt-{scenario}-").FullName;
        var what = $"{scenario} try {attempt + 1} (signal {delay.TotalMilliseconds:F0} ms after it was running)";
        try
        {
            InterruptScenarios.Prepare(scenario, folder);
            var before = Snapshot(folder);
            using var process = Start(scenario, folder);
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            try
            {
                WaitUntilRunning(process, InterruptScenarios.Running(scenario), what);
                Thread.Sleep(delay);
                Assert.That(process.HasExited, Is.False, $"{what}: the command finished before the signal; the try proves nothing");
                var sent = Stopwatch.StartNew();
                Assert.That(InterruptTests.Kill(process.Id, 2), Is.Zero, $"{what}: kill failed");
                var exited = process.WaitForExit(TimeSpan.FromSeconds(20));
                var elapsed = sent.Elapsed;
                Assert.That(exited, Is.True, $"{what}: still running 20 s after SIGINT");
                var lines = error.Result.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
                Assert.Multiple(() =>
                {
                    Assert.That(process.ExitCode, Is.EqualTo(130), $"{what}: exit code; stderr: {error.Result}");
                    Assert.That(lines, Is.EqualTo(new[] { "interrupted by SIGINT: the command stopped before finishing." }), $"{what}: stderr is the one line (a process the signal killed prints nothing)");
                    Assert.That(output.Result, Is.Empty, $"{what}: no results of a run that did not finish");
                    Assert.That(Snapshot(folder), Is.EqualTo(before), $"{what}: the folders (working folder, TMPDIR, HOME, model, output) are as before");
                });
                return elapsed;
            }
            finally
            {
                if (!process.HasExited)
                {
                    process.Kill(entireProcessTree: true);
                    process.WaitForExit();
                }
            }
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static Process Start(InterruptScenario scenario, string folder)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.Combine(folder, "cwd"),
        };
        start.ArgumentList.Add(CliPath);
        foreach (var arg in InterruptScenarios.Arguments(scenario, folder))
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["TMPDIR"] = Path.Combine(folder, "tmp");
        start.Environment["HOME"] = Path.Combine(folder, "home");
        start.Environment.Remove("ORT_DISABLE_TELEMETRY"); // the CLI opts out of ONNX Runtime's telemetry itself
        return Process.Start(start)!;
    }

    /// <summary>Polls /proc/PID/maps until <paramref name="marker"/> is mapped: the command's action is running.</summary>
    private static void WaitUntilRunning(Process process, string marker, string what)
    {
        var maps = $"/proc/{process.Id}/maps";
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < StartLimit)
        {
            Assert.That(process.HasExited, Is.False, $"{what}: the command ended before it was seen running (exit {(process.HasExited ? process.ExitCode : 0)})");
            try
            {
                if (File.ReadAllText(maps).Contains(marker, StringComparison.Ordinal))
                {
                    return;
                }
            }
            catch (IOException)
            {
                // the process is between exec and its first mappings, or just ended: look again
            }

            Thread.Sleep(10);
        }

        Assert.Fail($"{what}: {marker} was not loaded within {StartLimit.TotalSeconds} s");
    }

    /// <summary>Every file and folder under <paramref name="folder"/> with its size and a hash of its content.</summary>
    private static string[] Snapshot(string folder) => Directory
        .EnumerateFileSystemEntries(folder, "*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0 })
        .Select(path => File.Exists(path)
            ? $"{Path.GetRelativePath(folder, path)} {new FileInfo(path).Length} {Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(path)))[..16]}"
            : $"{Path.GetRelativePath(folder, path)}/")
        .Order(StringComparer.Ordinal)
        .ToArray();
}
