using DynaSplit.Optimization.Storage;
using DynaSplit.Spaces;
using DynaSplit.Trials;
using Microsoft.Data.Sqlite;
using NUnit.Framework;

namespace DynaSplit.Optimization.Tests;

/// <summary>The store refuses another study's file, migrates version 1, and keeps NaN measurements as failures (issue 15, item 14).</summary>
public sealed class SqliteTrialStoreHardeningTests
{
    private static readonly DateTimeOffset Start = new(2026, 1, 2, 3, 4, 5, TimeSpan.Zero);
    private string _folder = null!;

    [SetUp]
    public void SetUp() => _folder = Path.Combine(Path.GetTempPath(), "dynasplit-store-" + Guid.NewGuid().ToString("N"));

    [TearDown]
    public void TearDown()
    {
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    [Test]
    public async Task AStoreOfAnotherSpaceWithTheSameParameterNamesIsRefused()
    {
        var path = Path.Combine(_folder, "study.db");
        var space = SyntheticTestbed.CreateSpace();
        await new SqliteTrialStore(path).AppendAsync(Complete(space, 0), CancellationToken.None);

        // Same names and kinds; cpu-freq levels differ: the old measurements answer nothing here.
        var other = new ConfigurationSpace(
        [
            new IntegerParameter("layer", 0, 21, role: ParameterRole.SplitPoint),
            new OrdinalParameter("cpu-freq", [600, 900, 1200, 1500, 2000], ParameterRole.EdgeCpuFrequency, "MHz"),
            new CategoricalParameter("edge-accelerator", ["off", "std", "max"], ParameterRole.EdgeAccelerator),
            new CategoricalParameter("server-accelerator", ["False", "True"], ParameterRole.CloudAccelerator),
        ]);
        var ex = Assert.ThrowsAsync<InvalidOperationException>(async () => await new SqliteTrialStore(path).LoadAsync(other, CancellationToken.None));
        Assert.That(ex!.Message, Does.Contain("another configuration space").And.Contain("2000").And.Contain("study.db"));
        Assert.That(await new SqliteTrialStore(path).LoadAsync(space, CancellationToken.None), Has.Count.EqualTo(1));
    }

    [Test]
    public async Task AStoreOfAnotherContextIsRefused()
    {
        var path = Path.Combine(_folder, "study.db");
        var space = SyntheticTestbed.CreateSpace();
        await new SqliteTrialStore(path, "s", "pool sha256:aaaa").AppendAsync(Complete(space, 0), CancellationToken.None);
        Assert.ThrowsAsync<InvalidOperationException>(async () => await new SqliteTrialStore(path, "s", "pool sha256:bbbb").LoadAsync(space, CancellationToken.None));
        Assert.That(await new SqliteTrialStore(path, "s", "pool sha256:aaaa").LoadAsync(space, CancellationToken.None), Has.Count.EqualTo(1));
    }

    [Test]
    public async Task ANaNMeasurementIsStoredAsAFailedTrialInsteadOfThrowing()
    {
        var path = Path.Combine(_folder, "study.db");
        var space = SyntheticTestbed.CreateSpace();
        var store = new SqliteTrialStore(path);
        var nan = Complete(space, 0) with { Measurement = new TrialMeasurement { LatencyMs = 10, EnergyJ = double.NaN } };
        await store.AppendAsync(nan, CancellationToken.None);
        await store.AppendAsync(Complete(space, 1), CancellationToken.None);

        var loaded = await new SqliteTrialStore(path).LoadAsync(space, CancellationToken.None);
        Assert.That(loaded.Select(t => t.Status), Is.EqualTo(new[] { TrialStatus.Failed, TrialStatus.Complete }));
        Assert.That(loaded[0].Error, Does.Contain("energy (NaN)"));
        Assert.That(loaded[0].Measurement, Is.Null);
    }

    [Test]
    public async Task AVersionOneFileIsMigratedAndItsTrialsKept()
    {
        var path = Path.Combine(_folder, "v1.db");
        Directory.CreateDirectory(_folder);
        var space = SyntheticTestbed.CreateSpace();
        var key = space.ValidConfigurations[3].Key;
        using (var connection = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = $$"""
                CREATE TABLE schema_info (version INTEGER NOT NULL);
                CREATE TABLE studies (study TEXT PRIMARY KEY, created_at TEXT NOT NULL);
                CREATE TABLE trials (study TEXT NOT NULL, number INTEGER NOT NULL, configuration TEXT NOT NULL, status TEXT NOT NULL,
                    error TEXT, started_at TEXT NOT NULL, completed_at TEXT NOT NULL, latency_ms REAL, energy_j REAL, accuracy REAL,
                    latency_edge_ms REAL, latency_transfer_ms REAL, latency_cloud_ms REAL, energy_edge_j REAL, energy_cloud_j REAL,
                    transferred_bytes INTEGER, energy_kind TEXT, inferences INTEGER, extra TEXT, PRIMARY KEY (study, number));
                CREATE TABLE trial_params (study TEXT NOT NULL, number INTEGER NOT NULL, name TEXT NOT NULL, label TEXT NOT NULL,
                    value REAL NOT NULL, PRIMARY KEY (study, number, name));
                INSERT INTO schema_info VALUES (1);
                INSERT INTO studies VALUES ('default', '2026-01-01T00:00:00Z');
                INSERT INTO trials (study, number, configuration, status, started_at, completed_at, latency_ms, energy_j, inferences, extra)
                    VALUES ('default', 0, '{{key}}', 'Complete', '2026-01-01T00:00:00Z', '2026-01-01T00:00:01Z', 12.5, 0.75, 5, '{"power":3.5}');
                """;
            command.ExecuteNonQuery();
        }

        var store = new SqliteTrialStore(path);
        var loaded = await store.LoadAsync(space, CancellationToken.None);
        Assert.That(loaded, Has.Count.EqualTo(1));
        Assert.That(loaded[0].Measurement!.LatencyMs, Is.EqualTo(12.5));
        Assert.That(loaded[0].Measurement!.Extra["power"], Is.EqualTo(3.5));
        await store.AppendAsync(Complete(space, 1), CancellationToken.None);
        Assert.That(await new SqliteTrialStore(path).LoadAsync(space, CancellationToken.None), Has.Count.EqualTo(2));

        using var check = new SqliteConnection($"Data Source={path};Pooling=False");
        check.Open();
        using var version = check.CreateCommand();
        version.CommandText = "PRAGMA user_version";
        Assert.That(Convert.ToInt32(version.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture), Is.EqualTo(2));

        // The migrated study adopted the space it was first opened with.
        var other = new ConfigurationSpace([new IntegerParameter("layer", 0, 5, role: ParameterRole.SplitPoint)]);
        Assert.ThrowsAsync<InvalidOperationException>(async () => await new SqliteTrialStore(path).LoadAsync(other, CancellationToken.None));
    }

    [Test]
    public async Task AFileOfANewerSchemaIsRefused()
    {
        var path = Path.Combine(_folder, "v9.db");
        Directory.CreateDirectory(_folder);
        using (var connection = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "CREATE TABLE trials (x INTEGER); PRAGMA user_version = 9;";
            command.ExecuteNonQuery();
        }

        var ex = Assert.ThrowsAsync<InvalidOperationException>(async () => await new SqliteTrialStore(path).LoadAsync(SyntheticTestbed.CreateSpace(), CancellationToken.None));
        Assert.That(ex!.Message, Does.Contain("schema version 9"));
    }

    [Test]
    public async Task TheWholeMeasurementIsKeptAsJson()
    {
        var path = Path.Combine(_folder, "study.db");
        var space = SyntheticTestbed.CreateSpace();
        await new SqliteTrialStore(path).AppendAsync(Complete(space, 0), CancellationToken.None);
        using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT measurement FROM trials";
        var json = (string)command.ExecuteScalar()!;
        Assert.That(json, Does.Contain("\"LatencyMs\":").And.Contain("\"TransferredBytes\":4096").And.Contain("\"gpu-util\":0.5"));
    }

    [Test]
    public async Task StageMeasurementsSurviveTheStore()
    {
        // Fields added to TrialMeasurement after schema 2 (here the per-stage measurements) need no new columns.
        var path = Path.Combine(_folder, "study.db");
        var space = SyntheticTestbed.CreateSpace();
        var stages = new[]
        {
            new DynaSplit.Execution.StageMeasurement(0, "edge", 12.5, 3.25, 4096, 0) { EnergyJ = 0.5, QueueMs = 1.5 },
            new DynaSplit.Execution.StageMeasurement(1, "cloud", 4.0, 0, 0, 40) { EnergyJ = 1.25 },
        };
        var trial = Complete(space, 0);
        trial = trial with { Measurement = trial.Measurement! with { Stages = stages } };
        await new SqliteTrialStore(path).AppendAsync(trial, CancellationToken.None);
        var loaded = (await new SqliteTrialStore(path).LoadAsync(space, CancellationToken.None)).Single().Measurement!;
        Assert.That(loaded.Stages, Is.EqualTo(stages));
        Assert.That(loaded.Extra["gpu-util"], Is.EqualTo(0.5));

        // A stage value that is not finite makes the trial a failure too.
        var bad = Complete(space, 1);
        bad = bad with { Measurement = bad.Measurement! with { Stages = [stages[0] with { ComputeMs = double.PositiveInfinity }] } };
        await new SqliteTrialStore(path).AppendAsync(bad, CancellationToken.None);
        var failed = (await new SqliteTrialStore(path).LoadAsync(space, CancellationToken.None))[1];
        Assert.That(failed.Status, Is.EqualTo(TrialStatus.Failed));
        Assert.That(failed.Error, Does.Contain("stage 0 compute time"));
    }

    private static TrialRecord Complete(ConfigurationSpace space, int number) =>
        new(number, space.ValidConfigurations[number], TrialStatus.Complete, new TrialMeasurement
        {
            LatencyMs = 10 + number,
            EnergyJ = 1 + number,
            TransferredBytes = 4096,
            Extra = new Dictionary<string, double> { ["gpu-util"] = 0.5 },
        }, null, Start, Start.AddSeconds(1));
}
