using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;

namespace DynaSplit.Cli.Tests;

/// <summary>
/// `optimize --cloud URL` against a real `dynasplit serve` on loopback (SqueezeNet 1.1): the tail of every trial cut
/// before the model's end is measured on the server, one ModelInfer call per inference (counted in the server's own
/// request log), the study and the lookup table carry the cloud stage, and a rerun with a larger budget measures only
/// the new configurations.
/// </summary>
public sealed partial class OptimizeCloudTests
{
    private const int Warmup = 1;
    private const int Inferences = 2;
    private static readonly string SqueezeNet = Cli.Model("squeezenet1_1.onnx");

    [Test]
    public void TheTailIsMeasuredOnTheServerAndARerunMeasuresOnlyWhatTheStudyLacks()
    {
        var directory = Directory.CreateTempSubdirectory("dynasplit-cloud-").FullName;
        try
        {
            MeasureOnTheServerAndResume(directory);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private static void MeasureOnTheServerAndResume(string directory)
    {
        // ASP.NET Core's request log (one "Request finished" line per call) is the server's own count of what it served.
        using var server = ServerProcess.Start(
            SqueezeNet,
            null,
            new Dictionary<string, string> { ["Logging__LogLevel__Microsoft.AspNetCore.Hosting.Diagnostics"] = "Information" },
            "--max-concurrency", "1", "--threads", "1");
        server.WaitUntilReady(TimeSpan.FromSeconds(60));
        var study = Path.Combine(directory, "cloud.db");
        string[] Optimize(string budget) => ["optimize", SqueezeNet, "--cloud", server.Grpc.ToString(), "--budget", budget, "--study", study,
            "--warmup", Warmup.ToString(CultureInfo.InvariantCulture), "--inferences", Inferences.ToString(CultureInfo.InvariantCulture), "--no-knobs", "--json"];

        // 66 split points: budget 0.05 = 4 trials.
        var (exit, output, error) = Cli.Run(Optimize("0.05"));
        Assert.That(exit, Is.Zero, error + server.Log);
        using (var report = JsonDocument.Parse(output))
        {
            var root = report.RootElement;
            Assert.That(root.GetProperty("parameters").GetProperty("cloud").GetString(), Is.EqualTo(server.Grpc.ToString()));
            Assert.That(root.GetProperty("offline").GetProperty("measured").GetInt32(), Is.EqualTo(4));
            Assert.That(root.GetProperty("offline").GetProperty("failed").GetInt32(), Is.Zero);
        }

        var trials = Trials(study);
        Assert.That(trials, Has.Count.EqualTo(4));
        var lastCut = LastCut(Path.Combine(directory, "cloud.table.json"));
        Assert.That(lastCut, Is.EqualTo(65), "SqueezeNet 1.1 has 66 split points");
        AssertCloudStages(trials, lastCut);
        var remote = trials.Count(t => t.Split < lastCut);
        Assert.That(remote, Is.GreaterThan(0), "the search measured at least one cut before the end");
        Assert.That(ServedInferences(server, remote * (Warmup + Inferences)), Is.EqualTo(remote * (Warmup + Inferences)),
            "one ModelInfer on the server per inference (warm-up and measured) of each trial cut before the end, and none for the others");

        // The lookup table keeps each entry's per-stage breakdown: edge, then cloud; a cut before the end sent bytes to
        // the cloud tier and spent time there.
        using (var table = JsonDocument.Parse(File.ReadAllText(Path.Combine(directory, "cloud.table.json"))))
        {
            var entries = table.RootElement.GetProperty("entries").EnumerateArray().ToList();
            Assert.That(entries, Is.Not.Empty);
            foreach (var entry in entries)
            {
                var split = int.Parse(entry.GetProperty("configuration").GetProperty("split").GetString()!, CultureInfo.InvariantCulture);
                var stages = entry.GetProperty("stages").EnumerateArray().ToList();
                Assert.That(stages.Select(s => s.GetProperty("tier").GetString()), Is.EqualTo(new[] { "edge", "cloud" }), $"split={split}");
                if (split < lastCut)
                {
                    Assert.That(entry.GetProperty("transferredBytes").GetInt64(), Is.GreaterThan(0), $"split={split}");
                    Assert.That(stages[1].GetProperty("bytesSent").GetInt64(), Is.GreaterThan(0), $"split={split}");
                    Assert.That(stages[1].GetProperty("computeMs").GetDouble(), Is.GreaterThan(0), $"split={split}");
                    Assert.That(stages[1].TryGetProperty("queueMs", out _), Is.True, $"split={split}: the server reports its queue time");
                }
            }
        }

        // Resumed with a larger budget (0.1 = 7 trials): the 4 stored trials are read from the study, only 3 new
        // configurations are measured, and the server sees only their calls.
        var servedBefore = ServedInferences(server, 0);
        var (againExit, againOutput, againError) = Cli.Run(Optimize("0.1"));
        Assert.That(againExit, Is.Zero, againError + server.Log);
        using (var again = JsonDocument.Parse(againOutput))
        {
            var offline = again.RootElement.GetProperty("offline");
            Assert.That(offline.GetProperty("reused").GetInt32(), Is.EqualTo(4));
            Assert.That(offline.GetProperty("measured").GetInt32(), Is.EqualTo(3));
            Assert.That(again.RootElement.GetProperty("study").GetProperty("trialsAfter").GetInt32(), Is.EqualTo(7));
        }

        var after = Trials(study);
        Assert.That(after, Has.Count.EqualTo(7));
        Assert.That(after.Select(t => t.Configuration).Distinct().Count(), Is.EqualTo(7), "no configuration was measured twice");
        Assert.That(after.Take(4), Is.EqualTo(trials), "the stored trials are kept as they were");
        AssertCloudStages(after, lastCut);
        var newRemote = after.Skip(4).Count(t => t.Split < lastCut);
        var expected = servedBefore + (newRemote * (Warmup + Inferences));
        Assert.That(ServedInferences(server, expected), Is.EqualTo(expected), "the server served only the new trials' inferences");
    }

    /// <summary>Every trial cut before the end ran its tail on the cloud tier (bytes sent, time there); the others sent nothing.</summary>
    private static void AssertCloudStages(IReadOnlyList<Trial> trials, int lastCut)
    {
        foreach (var trial in trials)
        {
            Assert.That(trial.Status, Is.EqualTo("Complete"), trial.Configuration);
            if (trial.Split < lastCut)
            {
                Assert.That(trial.TransferredBytes, Is.GreaterThan(0), trial.Configuration);
                Assert.That(trial.CloudMs, Is.GreaterThan(0), trial.Configuration);
            }
            else
            {
                Assert.That(trial.TransferredBytes, Is.Zero, trial.Configuration);
                Assert.That(trial.CloudMs, Is.Zero, trial.Configuration);
            }
        }
    }

    /// <summary>
    /// The ModelInfer calls the server finished, from its request log; waits (up to 10 s) for the count to reach
    /// <paramref name="atLeast"/>, since the console logger writes on its own thread.
    /// </summary>
    private static int ServedInferences(ServerProcess server, int atLeast)
    {
        var waited = Stopwatch.StartNew();
        int count;
        while ((count = ModelInferFinished().Count(server.Log)) < atLeast && waited.Elapsed < TimeSpan.FromSeconds(10))
        {
            Thread.Sleep(50);
        }

        return count;
    }

    private static int LastCut(string table)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(table));
        return document.RootElement.GetProperty("binding").GetProperty("lastCut").GetInt32();
    }

    private static List<Trial> Trials(string study)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = study, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT t.configuration, t.status, COALESCE(t.transferred_bytes, 0), COALESCE(t.latency_cloud_ms, 0), p.value
            FROM trials t JOIN trial_params p ON p.study = t.study AND p.number = t.number AND p.name = 'split'
            ORDER BY t.number
            """;
        using var reader = command.ExecuteReader();
        var trials = new List<Trial>();
        while (reader.Read())
        {
            trials.Add(new Trial(reader.GetString(0), reader.GetString(1), (int)reader.GetDouble(4), reader.GetInt64(2), reader.GetDouble(3)));
        }

        return trials;
    }

    [GeneratedRegex(@"Request finished HTTP/2 POST \S+/inference\.GRPCInferenceService/ModelInfer - 200")]
    private static partial Regex ModelInferFinished();

    private sealed record Trial(string Configuration, string Status, int Split, long TransferredBytes, double CloudMs);
}
