using DynaSplit.Hardware;
using DynaSplit.Hardware.Linux.Knobs;
using DynaSplit.Hardware.Linux.Sysfs;
using DynaSplit.Hardware.Linux.Tests.Emulation;
using Microsoft.Extensions.Logging;

namespace DynaSplit.Hardware.Linux.Tests;

/// <summary>Restore paths of the Linux knobs: half-written changes, failing restores, originals in the log (issue 15, item 13).</summary>
public sealed class RestorePathTests
{
    private const string Policy = "devices/system/cpu/cpufreq/policy0/";
    private static readonly string[] Files = ["scaling_governor", "scaling_min_freq", "scaling_max_freq"];

    [Test]
    public async Task AWriteThatFailsHalfWayThroughIsUndoneByRestore()
    {
        // Learn the files one change writes, then refuse the last of them so the change stops half-way.
        string last;
        using (var probe = TestBoard.Open(FixtureTree.RaspberryPi4))
        {
            await using var knob = new CpuFrequencyKnob(probe.Sysfs, "policy0", "cpu_freq", options: probe.Options);
            await knob.ApplyAsync(KnobValue.FromNumber(600000), CancellationToken.None);
            Assert.That(probe.Sysfs.Writes.Select(w => w.Path).Distinct().Count(), Is.GreaterThanOrEqualTo(2), "a change of several files");
            last = probe.Sysfs.Writes[^1].Path;
        }

        using var board = TestBoard.Open(FixtureTree.RaspberryPi4);
        var before = Files.ToDictionary(f => f, f => board.Sysfs.Read(Policy + f));
        await using (var knob = new CpuFrequencyKnob(board.Sysfs, "policy0", "cpu_freq", options: board.Options))
        {
            board.Sysfs.DeniedPaths.Add(last);
            Assert.CatchAsync<Exception>(async () => await knob.ApplyAsync(KnobValue.FromNumber(600000), CancellationToken.None));
            Assert.That(knob.HasChanges, Is.True, "the files written before the failure are remembered");
            Assert.That(board.Sysfs.Writes, Is.Not.Empty);
            board.Sysfs.DeniedPaths.Clear();
            await knob.RestoreAsync(CancellationToken.None);
        }

        Assert.That(Files.ToDictionary(f => f, f => board.Sysfs.Read(Policy + f)), Is.EqualTo(before));
    }

    [Test]
    public async Task AFailedRestoreIsReportedAndRetriedThroughTheScope()
    {
        using var board = TestBoard.Open(FixtureTree.OrinNano);
        var cpu = new CpuFrequencyKnob(board.Sysfs, "policy0", "cpu_freq", options: board.Options);
        var gpu = new DevfreqFrequencyKnob(board.Sysfs, "17000000.gpu", "gpu_freq", options: board.Options);
        var cpuBefore = Files.ToDictionary(f => f, f => board.Sysfs.Read(Policy + f));
        var gpuBefore = board.Sysfs.Read("class/devfreq/17000000.gpu/max_freq");
        var scope = new HardwareScope([cpu, gpu]);
        var cpuDomain = await cpu.GetDomainAsync(CancellationToken.None);
        var gpuDomain = await gpu.GetDomainAsync(CancellationToken.None);
        await scope.ApplyAsync("cpu_freq", cpuDomain.Values[0], CancellationToken.None);
        await scope.ApplyAsync("gpu_freq", gpuDomain.Values[0], CancellationToken.None);

        board.Sysfs.DeniedPaths.Add("class/devfreq/17000000.gpu/max_freq");
        board.Sysfs.DeniedPaths.Add("class/devfreq/17000000.gpu/min_freq");
        var ex = Assert.ThrowsAsync<AggregateException>(async () => await scope.RestoreAsync(CancellationToken.None));
        Assert.That(ex!.InnerExceptions.Single(), Is.InstanceOf<SysfsException>());
        Assert.That(ex.Message, Does.Contain("gpu_freq"));
        Assert.That(Files.ToDictionary(f => f, f => board.Sysfs.Read(Policy + f)), Is.EqualTo(cpuBefore), "the CPU was restored although the GPU failed");

        board.Sysfs.DeniedPaths.Clear();
        await scope.DisposeAsync();
        Assert.That(board.Sysfs.Read("class/devfreq/17000000.gpu/max_freq"), Is.EqualTo(gpuBefore));
        Assert.That(gpu.HasChanges || cpu.HasChanges, Is.False);
        cpu.Dispose();
        gpu.Dispose();
    }

    [Test]
    public async Task TheOriginalStateIsLoggedAtInformation()
    {
        using var board = TestBoard.Open(FixtureTree.RaspberryPi4);
        var governor = board.Sysfs.Read(Policy + "scaling_governor");
        var maximum = board.Sysfs.Read(Policy + "scaling_max_freq");
        var logs = new ListLoggerProvider();
        using var factory = LoggerFactory.Create(b => b.SetMinimumLevel(LogLevel.Information).AddProvider(logs));
        await using (var knob = new CpuFrequencyKnob(board.Sysfs, "policy0", "cpu_freq", options: board.Options, logger: factory.CreateLogger("knobs")))
        {
            await knob.ApplyAsync(KnobValue.FromNumber(600000), CancellationToken.None);
        }

        var recorded = logs.Lines.Where(l => l.Level == LogLevel.Information && l.Message.Contains("original state", StringComparison.Ordinal)).ToList();
        Assert.That(recorded, Has.Count.EqualTo(1));
        Assert.That(recorded[0].Message, Does.Contain(governor).And.Contain(maximum).And.Contain("cpu_freq"));
        Assert.That(logs.Lines.Any(l => l.Level == LogLevel.Information && l.Message.Contains("restored", StringComparison.Ordinal)), Is.True);
        Assert.That(logs.Events.Select(e => (e.Id, e.Name)), Is.EqualTo(new[] { (6001, "OriginalStateRecorded"), (6003, "KnobRestored") }), "event ids of docs/logging.md");
    }
}
