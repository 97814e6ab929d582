using DynaSplit.Hardware.Linux.Processes;

namespace DynaSplit.Hardware.Linux.Tests.Emulation;

/// <summary>A fixture tree, its emulated sysfs, a fake nvpmodel (on Jetsons) and options pointing at them.</summary>
internal sealed class TestBoard : IDisposable
{
    private TestBoard(FixtureTree tree, int nvpmodelMode)
    {
        Tree = tree;
        Sysfs = new EmulatedSysfs(tree.Sys);
        Nvpmodel = File.Exists(tree.NvpmodelConf) ? new FakeNvpmodel(tree.NvpmodelConf, Path.Combine(tree.Root, "state", "nvpmodel-mode"), nvpmodelMode) : null;
        Options = new LinuxHardwareOptions
        {
            SysfsRoot = tree.Sys,
            ProcRoot = tree.Proc,
            NvpmodelConfigPath = tree.NvpmodelConf,
            FileSystem = Sysfs,
            ProcessRunner = (IProcessRunner?)Nvpmodel ?? new NoTools(),
            SettlePollInterval = TimeSpan.FromMilliseconds(1),
            SettleTimeout = TimeSpan.FromSeconds(10),
        };
    }

    public FixtureTree Tree { get; }

    public EmulatedSysfs Sysfs { get; }

    public FakeNvpmodel? Nvpmodel { get; }

    public LinuxHardwareOptions Options { get; }

    /// <summary>Copies the test options into options built by the container.</summary>
    public void Configure(LinuxHardwareOptions target)
    {
        target.SysfsRoot = Options.SysfsRoot;
        target.ProcRoot = Options.ProcRoot;
        target.NvpmodelConfigPath = Options.NvpmodelConfigPath;
        target.FileSystem = Options.FileSystem;
        target.ProcessRunner = Options.ProcessRunner;
        target.SettlePollInterval = Options.SettlePollInterval;
        target.SettleTimeout = Options.SettleTimeout;
    }

    public static TestBoard Open(string board, int nvpmodelMode = 0) => new(FixtureTree.Copy(board), nvpmodelMode);

    public static TestBoard OpenEmpty() => new(FixtureTree.Empty(), 0);

    public void Dispose() => Tree.Dispose();

    private sealed class NoTools : IProcessRunner
    {
        public bool CanRun(string fileName) => false;

        public Task<ProcessResult> RunAsync(string fileName, IReadOnlyList<string> arguments, CancellationToken cancellationToken) =>
            throw new InvalidOperationException($"{fileName} is not installed in this test.");
    }
}
