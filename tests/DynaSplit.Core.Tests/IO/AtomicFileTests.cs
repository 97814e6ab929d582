using DynaSplit.IO;

namespace DynaSplit.Core.Tests.IO;

/// <summary>Atomic writes through an exclusive, unpredictable temporary file (issue 15, item 2).</summary>
public sealed class AtomicFileTests
{
    private string _folder = null!;

    [SetUp]
    public void SetUp() => _folder = Directory.CreateTempSubdirectory("dynasplit-atomic-").FullName;

    [TearDown]
    public void TearDown() => Directory.Delete(_folder, recursive: true);

    [Test]
    public void CommitReplacesTheTargetAndLeavesNoTemporaryFile()
    {
        var target = Path.Combine(_folder, "table.json");
        File.WriteAllText(target, "old");
        AtomicFile.WriteAllBytes(target, "new"u8);
        Assert.That(File.ReadAllText(target), Is.EqualTo("new"));
        Assert.That(Directory.GetFiles(_folder), Is.EqualTo(new[] { target }));
    }

    [Test]
    public void DisposingWithoutCommitLeavesTheTargetAsItWas()
    {
        var target = Path.Combine(_folder, "table.json");
        File.WriteAllText(target, "old");
        using (var file = AtomicFile.Create(target))
        {
            file.Stream.Write("half"u8);
            Assert.That(Path.GetDirectoryName(file.TemporaryPath), Is.EqualTo(_folder));
            Assert.That(File.Exists(file.TemporaryPath), Is.True);
        }

        Assert.That(File.ReadAllText(target), Is.EqualTo("old"));
        Assert.That(Directory.GetFiles(_folder), Is.EqualTo(new[] { target }));
    }

    [Test]
    public void TemporaryNamesAreUnpredictable()
    {
        var target = Path.Combine(_folder, "table.json");
        using var a = AtomicFile.Create(target);
        using var b = AtomicFile.Create(target);
        Assert.That(a.TemporaryPath, Is.Not.EqualTo(b.TemporaryPath));
        Assert.That(a.TemporaryPath, Does.Not.Contain(Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        Assert.That(Path.GetFileName(a.TemporaryPath), Does.Match(@"^\.table\.json\.[0-9a-f]{24}\.tmp$"));
    }

    [Test]
    public void ALinkPlantedAtTheOldFixedTemporaryNameIsNotFollowed()
    {
        // The lookup table used to be written through "<table>.tmp" opened with create-or-truncate.
        var victim = Path.Combine(_folder, "victim");
        File.WriteAllText(victim, "keep me");
        var target = Path.Combine(_folder, "table.json");
        File.CreateSymbolicLink(target + ".tmp", victim);
        AtomicFile.WriteAllBytes(target, "table"u8);
        Assert.That(File.ReadAllText(victim), Is.EqualTo("keep me"));
        Assert.That(File.ReadAllText(target), Is.EqualTo("table"));
    }

    [Test]
    public void ALinkAtTheTargetIsReplacedNotWrittenThrough()
    {
        var victim = Path.Combine(_folder, "victim");
        File.WriteAllText(victim, "keep me");
        var target = Path.Combine(_folder, "table.json");
        File.CreateSymbolicLink(target, victim);
        AtomicFile.WriteAllBytes(target, "table"u8);
        Assert.That(File.ReadAllText(victim), Is.EqualTo("keep me"));
        Assert.That(new FileInfo(target).LinkTarget, Is.Null);
    }

    [Test]
    public void AFolderAsTargetIsRefused()
    {
        var ex = Assert.Throws<IOException>(() => AtomicFile.Create(_folder));
        Assert.That(ex!.Message, Does.Contain("is a folder"));
    }

    [Test]
    public async Task ACancelledWriteLeavesNothing()
    {
        var target = Path.Combine(_folder, "out", "table.json");
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();
        Assert.CatchAsync<OperationCanceledException>(async () => await AtomicFile.WriteAsync(target, async (stream, token) => await stream.WriteAsync("x"u8.ToArray(), token), cancelled.Token));
        Assert.That(Directory.GetFiles(Path.Combine(_folder, "out")), Is.Empty);
    }

    [Test]
    public void CommittingTwiceIsRefused()
    {
        using var file = AtomicFile.Create(Path.Combine(_folder, "a"));
        file.Commit();
        Assert.Throws<InvalidOperationException>(file.Commit);
        Assert.Throws<ObjectDisposedException>(() => _ = file.Stream);
    }
}
