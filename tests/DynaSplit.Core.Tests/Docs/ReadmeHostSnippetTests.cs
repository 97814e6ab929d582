namespace DynaSplit.Core.Tests.Docs;

/// <summary>The README's host snippet is the EdgeHost sample's code, line for line, so it compiles and stays true.</summary>
public sealed class ReadmeHostSnippetTests
{
    [Test]
    public void EveryCodeLineOfTheReadmesHostSnippetIsALineOfTheEdgeHost()
    {
        var root = RepositoryRoot();
        var readme = File.ReadAllLines(Path.Combine(root, "README.md"));
        var host = File.ReadAllLines(Path.Combine(root, "samples", "DynaSplit.EdgeHost", "Program.cs")).Select(l => l.Trim()).ToHashSet(StringComparer.Ordinal);

        var section = Array.IndexOf(readme, "## Use it in a host");
        Assert.That(section, Is.GreaterThanOrEqualTo(0), "README.md has a 'Use it in a host' section");
        var open = Array.FindIndex(readme, section, l => l.Trim() == "```csharp");
        var close = Array.FindIndex(readme, open + 1, l => l.Trim() == "```");
        var code = readme[(open + 1)..close].Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith("//", StringComparison.Ordinal)).ToList();

        Assert.That(code, Has.Count.GreaterThan(30), "the snippet shows the whole composition");
        Assert.That(code.Where(l => !host.Contains(l)), Is.Empty, "lines of the README's host snippet that samples/DynaSplit.EdgeHost/Program.cs does not have");
    }

    private static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(TestContext.CurrentContext.TestDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "DynaSplit.sln")))
            {
                return folder.FullName;
            }
        }

        throw new DirectoryNotFoundException("DynaSplit.sln was not found above the test folder.");
    }
}
