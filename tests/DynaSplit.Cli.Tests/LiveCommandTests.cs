using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text.Json;
using Microsoft.Data.Sqlite;

namespace DynaSplit.Cli.Tests;

/// <summary>
/// `optimize` and `run` on this machine with the vendored SqueezeNet: a live, resumable study (interrupted and run
/// again, nothing is measured twice), then the online phase over requests from a file and from standard input.
/// </summary>
public sealed class LiveCommandTests
{
    private static readonly string SqueezeNet = Cli.Model("squeezenet1_1.onnx");
    private string _directory = null!;

    [SetUp]
    public void CreateDirectory() => Directory.CreateDirectory(_directory = Path.Combine(Path.GetTempPath(), $"live-{Guid.NewGuid():N}"));

    [TearDown]
    public void DeleteDirectory() => Directory.Delete(_directory, recursive: true);

    [Test]
    [Platform(Include = "Linux,MacOsX")]
    public void AnInterruptedStudyResumesWithoutMeasuringAnythingTwice()
    {
        var study = Path.Combine(_directory, "study.db");
        // 66 split points, budget 0.2 = 14 trials of 1 + 10 inferences each (a few seconds); interrupted after 3 are stored.
        string[] args = ["optimize", SqueezeNet, "--budget", "0.2", "--study", study, "--warmup", "1", "--inferences", "10", "--json"];
        int kept;
        using (var first = Cli.Start(args))
        {
            var firstError = first.StandardError.ReadToEndAsync();
            var firstOutput = first.StandardOutput.ReadToEndAsync();
            try
            {
                var waited = Stopwatch.StartNew();
                while (StoredTrials(study) < 3 && !first.HasExited && waited.Elapsed < TimeSpan.FromMinutes(2))
                {
                    Thread.Sleep(20);
                }

                Assert.That(first.HasExited, Is.False, "the study was still running when interrupted");
                Assert.That(Kill(first.Id, 2), Is.Zero);
                Assert.That(first.WaitForExit(TimeSpan.FromSeconds(30)), Is.True);
            }
            finally
            {
                if (!first.HasExited)
                {
                    first.Kill(entireProcessTree: true);
                }
            }

            Assert.That(first.ExitCode, Is.EqualTo(130), firstError.Result);
            kept = StoredTrials(study);
            Assert.That(firstError.Result, Does.Contain($"study: {kept} trials kept in {study}; run the same command again to resume."));
            Assert.That(firstOutput.Result, Is.Empty, "no results of a run that did not finish");
            Assert.That(kept, Is.InRange(3, 13), "interrupted part way");
        }

        var (exit, output, error) = Cli.Run(args);
        Assert.That(exit, Is.Zero, error);
        using var report = JsonDocument.Parse(output);
        var root = report.RootElement;
        var offline = root.GetProperty("offline");
        Assert.That(root.GetProperty("study").GetProperty("trialsBefore").GetInt32(), Is.EqualTo(kept));
        Assert.That(offline.GetProperty("reused").GetInt32(), Is.EqualTo(kept), "every stored trial is told from the study");
        Assert.That(offline.GetProperty("failed").GetInt32(), Is.Zero);
        Assert.That(offline.GetProperty("measured").GetInt32(), Is.EqualTo(14 - kept), "only the rest of the budget is measured");
        Assert.That(root.GetProperty("study").GetProperty("trialsAfter").GetInt32(), Is.EqualTo(14));
        Assert.That(StoredTrials(study), Is.EqualTo(14));
        Assert.That(DistinctConfigurations(study), Is.EqualTo(14), "no configuration was measured twice");

        var parameters = root.GetProperty("parameters");
        Assert.That(parameters.GetProperty("budget").GetDouble(), Is.EqualTo(0.2));
        Assert.That(parameters.GetProperty("inferences").GetInt32(), Is.EqualTo(10));
        Assert.That(parameters.GetProperty("optimizer").GetString(), Is.Not.Empty);
        Assert.That(root.GetProperty("meter").GetProperty("kind").GetString(), Is.AnyOf("measured", "estimated"));
        Assert.That(root.GetProperty("lookupTable").GetArrayLength(), Is.InRange(1, 14));

        var table = Path.Combine(_directory, "study.table.json");
        var png = Path.Combine(_directory, "study.png");
        Assert.That(File.ReadAllText(table), Does.Contain("\"modelFingerprint\": \"sha256:"), "a lookup table bound to the model's content");
        Assert.That(File.ReadAllBytes(png).AsSpan(0, 4).ToArray(), Is.EqualTo(new byte[] { 0x89, 0x50, 0x4E, 0x47 }));

        // Run once more: the whole budget is in the study, so nothing is measured at all.
        var (againExit, againOutput, againError) = Cli.Run(args);
        Assert.That(againExit, Is.Zero, againError);
        using var again = JsonDocument.Parse(againOutput);
        Assert.That(again.RootElement.GetProperty("offline").GetProperty("measured").GetInt32(), Is.Zero);
        Assert.That(again.RootElement.GetProperty("offline").GetProperty("reused").GetInt32(), Is.EqualTo(14));
    }

    [Test]
    public void RunServesRequestsFromAFileAndFromStandardInputAndReportsThem()
    {
        var study = Path.Combine(_directory, "small.db");
        var table = Path.Combine(_directory, "small.table.json");
        var (optimizeExit, optimizeOutput, optimizeError) = Cli.Run("optimize", SqueezeNet, "--budget", "0.05", "--study", study, "--warmup", "1", "--inferences", "3");
        Assert.That(optimizeExit, Is.Zero, optimizeError);
        Assert.That(optimizeOutput, Does.Contain("knobs: ").And.Contain("energy: ").And.Contain("space: 66 configurations"));
        Assert.That(optimizeOutput, Does.Not.Contain("\u001b"), "redirected: plain text");

        var requests = Path.Combine(_directory, "requests.txt");
        File.WriteAllText(requests, "# threshold ms, seed\n100000,3\n\n0.001\n250 9\n");
        var (exit, output, error) = Cli.Run("run", "--table", table, SqueezeNet, "--requests", requests, "--json");
        Assert.That(exit, Is.Zero, error);
        using var report = JsonDocument.Parse(output);
        var root = report.RootElement;
        Assert.That(root.GetProperty("command").GetString(), Is.EqualTo("run"));
        Assert.That(root.GetProperty("parameters").GetProperty("table").GetString(), Is.EqualTo(table));
        Assert.That(root.GetProperty("parameters").GetProperty("requests").GetString(), Is.EqualTo(requests));
        var served = root.GetProperty("requests").EnumerateArray().ToList();
        Assert.That(served.Select(r => r.GetProperty("thresholdMs").GetDouble()), Is.EqualTo(new[] { 100000, 0.001, 250 }));
        Assert.That(served.Select(r => r.GetProperty("seed").GetInt32()), Is.EqualTo(new[] { 3, 1, 9 }), "a seed as given, else the request's position");
        Assert.That(served.Select(r => r.GetProperty("line").GetInt32()), Is.EqualTo(new[] { 2, 4, 5 }));
        Assert.That(served[0].GetProperty("met").GetBoolean(), Is.True, "100 s is met");
        Assert.That(served[1].GetProperty("met").GetBoolean(), Is.False, "1 microsecond is not");
        var tableSplits = JsonDocument.Parse(File.ReadAllText(table)).RootElement.GetProperty("entries").EnumerateArray().Select(e => int.Parse(e.GetProperty("configuration").GetProperty("split").GetString()!, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.That(served.Select(r => r.GetProperty("split").GetInt32()).Distinct(), Is.SubsetOf(tableSplits), "every request ran a table entry's split");
        Assert.That(served.Select(r => r.GetProperty("energyJ").GetDouble()), Is.All.GreaterThan(0));
        var summary = root.GetProperty("summary");
        Assert.That(summary.GetProperty("requests").GetInt32(), Is.EqualTo(3));
        Assert.That(summary.GetProperty("qosMet").GetDouble(), Is.EqualTo(served.Count(r => r.GetProperty("met").GetBoolean()) / 3.0).Within(1e-12));
        Assert.That(summary.GetProperty("configurations").EnumerateArray().Sum(c => c.GetProperty("requests").GetInt32()), Is.EqualTo(3));
        Assert.That(summary.GetProperty("totalEnergyJ").GetDouble(), Is.EqualTo(served.Sum(r => r.GetProperty("energyJ").GetDouble())).Within(1e-9));

        var bad = Path.Combine(_directory, "bad.txt");
        File.WriteAllText(bad, "250\nfast\n");
        var (badExit, badOutput, badError) = Cli.Run("run", "--table", table, SqueezeNet, "--requests", bad);
        Assert.That(badExit, Is.EqualTo(2));
        Assert.That(badError, Does.Contain($"{bad}, line 2: 'fast' is not a positive latency threshold in ms").And.Not.Contain("   at "));
        Assert.That(badOutput, Does.Contain("250.0"), "the request before the bad line was served and reported");

        // The same from standard input, as plain text: one line per request, then the summary.
        var (stdinExit, stdinOutput, stdinError) = Cli.RunWithInput("100000\n100000,4\n", "run", "--table", table, SqueezeNet);
        Assert.That(stdinExit, Is.Zero, stdinError);
        Assert.That(stdinOutput, Does.Contain("served 2 requests: QoS met 100.0 %").And.Contain("switches of configuration"));
        Assert.That(stdinOutput.Split('\n').Count(l => l.TrimEnd().EndsWith("met", StringComparison.Ordinal) || l.Contains(" met ", StringComparison.Ordinal)), Is.GreaterThanOrEqualTo(2));
    }

    [Test]
    public void RunRefusesAMissingTableAndOptimizeABadBudgetBeforeAnyWork()
    {
        var requests = Path.Combine(_directory, "requests.txt");
        File.WriteAllText(requests, "250\n");
        var missing = Path.Combine(_directory, "none.json");
        var (exit, _, error) = Cli.Run("run", "--table", missing, SqueezeNet, "--requests", requests);
        Assert.That(exit, Is.EqualTo(2));
        Assert.That(error, Does.Contain("none.json").And.Not.Contain("   at "));

        var (parseExit, _, parseError) = Cli.Run("optimize", SqueezeNet, "--budget", "1.5", "--study", Path.Combine(_directory, "s.db"));
        Assert.That(parseExit, Is.EqualTo(2));
        Assert.That(parseError, Does.Contain("--budget 1.5 is not in (0, 1]"));
        Assert.That(File.Exists(Path.Combine(_directory, "s.db")), Is.False, "refused before anything was created");
    }

    private static int StoredTrials(string study) => Query(study, "SELECT COUNT(*) FROM trials");

    private static int DistinctConfigurations(string study) => Query(study, "SELECT COUNT(DISTINCT configuration) FROM trials");

    private static int Query(string study, string sql)
    {
        if (!File.Exists(study))
        {
            return 0;
        }

        try
        {
            using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = study, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = sql;
            return Convert.ToInt32(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (SqliteException)
        {
            return 0; // the schema is not written yet, or the file is locked for a moment
        }
    }

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);
}
