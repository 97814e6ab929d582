using DynaSplit.Energy;
using DynaSplit.Optimization.Storage;
using DynaSplit.Trials;
using Microsoft.Data.Sqlite;
using NUnit.Framework;

namespace DynaSplit.Optimization.Tests;

public sealed class SqliteTrialStoreTests
{
    private string _folder = null!;

    [SetUp]
    public void SetUp()
    {
        _folder = Path.Combine(Path.GetTempPath(), "dynasplit-store-" + Guid.NewGuid().ToString("N"));
    }

    [TearDown]
    public void TearDown()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    [Test]
    public async Task TrialsRoundTripWithEveryField()
    {
        var space = SyntheticTestbed.CreateSpace();
        var path = Path.Combine(_folder, "nested", "study.db");
        var started = new DateTimeOffset(2026, 1, 2, 3, 4, 5, 678, TimeSpan.FromHours(2));
        var complete = new TrialRecord(0, space.ValidConfigurations[5], TrialStatus.Complete, new TrialMeasurement
        {
            LatencyMs = 123.456789012345,
            EnergyJ = 0.1 + 0.2,
            Accuracy = 0.7153,
            Latency = new LatencyBreakdown(50.5, 20.25, 52.706789012345),
            Energy = new EnergyBreakdown(0.1, 0.2),
            TransferredBytes = 802_816,
            EnergyKind = EnergyReadingKind.Estimated,
            Inferences = 300,
            Extra = new Dictionary<string, double> { ["power"] = 4.25 },
        }, null, started, started.AddSeconds(42));
        var failed = new TrialRecord(1, space.ValidConfigurations[9], TrialStatus.Failed, null, "device unplugged", started.AddMinutes(1), started.AddMinutes(2));

        var store = new SqliteTrialStore(path, "vgg16");
        await store.AppendAsync(complete, CancellationToken.None);
        await store.AppendAsync(failed, CancellationToken.None);
        await new SqliteTrialStore(path, "other").AppendAsync(failed with { Number = 0 }, CancellationToken.None);

        var loaded = await new SqliteTrialStore(path, "vgg16").LoadAsync(space, CancellationToken.None);
        Assert.That(loaded, Has.Count.EqualTo(2));
        Assert.Multiple(() =>
        {
            Assert.That(loaded[0].Configuration, Is.EqualTo(complete.Configuration));
            Assert.That(loaded[0].Measurement! with { Extra = complete.Measurement!.Extra }, Is.EqualTo(complete.Measurement));
            Assert.That(loaded[0].Measurement!.Extra["power"], Is.EqualTo(4.25));
            Assert.That(loaded[0].StartedAt, Is.EqualTo(complete.StartedAt));
            Assert.That(loaded[0].StartedAt.Offset, Is.EqualTo(TimeSpan.FromHours(2)));
            Assert.That(loaded[0].CompletedAt, Is.EqualTo(complete.CompletedAt));
            Assert.That(loaded[1], Is.EqualTo(failed));
        });

        // Parameters are queryable by name.
        await using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT label FROM trial_params WHERE study = 'vgg16' AND number = 0 AND name = 'edge-accelerator'";
        Assert.That(await command.ExecuteScalarAsync(), Is.EqualTo(complete.Configuration.GetLabel("edge-accelerator")));
    }

    [Test]
    public async Task RepeatedTrialNumberIsRejected()
    {
        var space = SyntheticTestbed.CreateSpace();
        var store = new SqliteTrialStore(Path.Combine(_folder, "s.db"));
        var trial = new TrialRecord(3, space.ValidConfigurations[0], TrialStatus.Failed, null, "x", DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch);
        await store.AppendAsync(trial, CancellationToken.None);
        Assert.That(async () => await store.AppendAsync(trial, CancellationToken.None), Throws.InvalidOperationException.With.Message.Contains("already has a trial number 3"));
    }

    [Test]
    public async Task StoreOfAnotherSpaceSaysSo()
    {
        var space = SyntheticTestbed.CreateSpace();
        var path = Path.Combine(_folder, "s.db");
        await new SqliteTrialStore(path).AppendAsync(
            new TrialRecord(0, space.ValidConfigurations[0], TrialStatus.Failed, null, "x", DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch), CancellationToken.None);
        var other = new Spaces.ConfigurationSpace([new Spaces.IntegerParameter("threads", 1, 4)]);
        Assert.That(
            async () => await new SqliteTrialStore(path).LoadAsync(other, CancellationToken.None),
            Throws.InvalidOperationException.With.Message.Contains("another configuration space").And.Message.Contains("another study name or file"));
    }
}
