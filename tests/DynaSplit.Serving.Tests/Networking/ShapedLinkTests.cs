using System.Diagnostics;

namespace DynaSplit.Serving.Tests.Networking;

/// <summary>The shaped link fixture itself (runs as root): it shapes, changes rate, and leaves nothing behind.</summary>
[TestFixture]
[NonParallelizable]
public sealed class ShapedLinkTests
{
    [Test]
    public void Dispose_RemovesTheNamespaceTheLinksAndWhatRanInside_EvenWhenTheTestFails()
    {
        if (ShapedLink.Unavailable() is { } reason)
        {
            Assert.Ignore($"Shaped-link test skipped: {reason}.");
        }

        var before = ShapedLink.Snapshot();
        string name = string.Empty;
        (string Host, string Inside) interfaces = default;
        Process? inside = null;
        try
        {
            using var link = ShapedLinkFixture.CreateOrIgnore(20);
            name = link.Namespace;
            interfaces = link.Interfaces;
            var during = ShapedLink.Snapshot();
            Assert.That(during, Does.Contain(name).And.Contain(interfaces.Host));
            Assert.That(link.Describe(), Does.Contain("rate 20Mbit"));
            link.ChangeRateAsync(5).GetAwaiter().GetResult();
            Assert.That(link.Describe(), Does.Contain("rate 5Mbit").And.Not.Contain("20Mbit"), "both directions change");
            // A process the test leaves running inside the namespace (as a failed test would leave its server).
            inside = Process.Start(link.Wrap(new ProcessStartInfo("sleep", "300") { UseShellExecute = false }));
            throw new InvalidOperationException("the test fails here");
        }
        catch (InvalidOperationException ex) when (ex.Message == "the test fails here")
        {
        }

        var after = ShapedLink.Snapshot();
        Assert.That(Names(after), Has.None.EqualTo(name).And.None.StartsWith(interfaces.Host + "@").And.None.StartsWith(interfaces.Inside + "@"), after);
        Assert.That(Names(before).Except(Names(after)), Is.Empty, $"nothing that was here before is gone\nbefore: {before}\nafter: {after}");
        Assert.That(inside!.WaitForExit(5_000), Is.True, "the process left inside the namespace was ended");
        inside.Dispose();
    }

    private static string[] Names(string snapshot) =>
        snapshot.Split(';').SelectMany(part => part[(part.IndexOf(':', StringComparison.Ordinal) + 1)..].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToArray();
}
