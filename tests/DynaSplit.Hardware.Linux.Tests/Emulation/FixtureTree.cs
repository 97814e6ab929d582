namespace DynaSplit.Hardware.Linux.Tests.Emulation;

/// <summary>A recorded board tree copied to a fresh temporary directory, deleted on dispose.</summary>
internal sealed class FixtureTree : IDisposable
{
    public const string RaspberryPi4 = "RaspberryPi4";
    public const string RaspberryPi5 = "RaspberryPi5";
    public const string JetsonNano = "JetsonNanoL4T32";
    public const string XavierNx = "JetsonXavierNxJetPack5";
    public const string OrinNano = "JetsonOrinNanoJetPack6";

    private FixtureTree(string root) => Root = root;

    public string Root { get; }

    public string Sys => Path.Combine(Root, "sys");

    public string Proc => Path.Combine(Root, "proc");

    public string NvpmodelConf => Path.Combine(Root, "etc", "nvpmodel.conf");

    public static FixtureTree Copy(string board)
    {
        var source = Path.Combine(AppContext.BaseDirectory, "Fixtures", board);
        if (!Directory.Exists(source))
        {
            throw new DirectoryNotFoundException($"Fixture {source} is missing.");
        }

        var root = Path.Combine(Path.GetTempPath(), "dynasplit-hw-" + Guid.NewGuid().ToString("N"));
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(root, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }

        Directory.CreateDirectory(Path.Combine(root, "sys"));
        Directory.CreateDirectory(Path.Combine(root, "proc"));
        return new FixtureTree(root);
    }

    /// <summary>An empty machine: no device tree, no cpufreq, no devfreq, no USB.</summary>
    public static FixtureTree Empty()
    {
        var root = Path.Combine(Path.GetTempPath(), "dynasplit-hw-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path.Combine(root, "sys"));
        Directory.CreateDirectory(Path.Combine(root, "proc"));
        return new FixtureTree(root);
    }

    /// <summary>Every file under the tree (and which directories exist), with its exact content.</summary>
    public SortedDictionary<string, string> Snapshot()
    {
        var map = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var file in Directory.EnumerateFiles(Root, "*", SearchOption.AllDirectories))
        {
            map[Path.GetRelativePath(Root, file)] = File.ReadAllText(file);
        }

        return map;
    }

    public string ReadSys(string relative) => File.ReadAllText(Path.Combine(Sys, relative));

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
