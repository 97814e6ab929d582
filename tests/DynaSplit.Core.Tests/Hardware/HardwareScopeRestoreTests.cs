using DynaSplit.Core.Tests.Fakes;
using DynaSplit.Hardware;

namespace DynaSplit.Core.Tests.Hardware;

/// <summary>The restore paths of <see cref="HardwareScope"/> (issue 15, item 13).</summary>
public sealed class HardwareScopeRestoreTests
{
    private static (RecordingKnob Cpu, RecordingKnob Gpu, RecordingKnob Tpu, List<string> Journal) Knobs()
    {
        var journal = new List<string>();
        var numbers = new KnobDomain([KnobValue.FromNumber(600), KnobValue.FromNumber(1800)], "MHz");
        var cpu = new RecordingKnob("cpu-freq", numbers, KnobValue.FromNumber(1800), journal);
        var gpu = new RecordingKnob("gpu-freq", numbers, KnobValue.FromNumber(1800), journal);
        var tpu = new RecordingKnob("edge-accelerator", new KnobDomain([KnobValue.FromText("off"), KnobValue.FromText("max")]), KnobValue.FromText("off"), journal);
        return (cpu, gpu, tpu, journal);
    }

    [Test]
    public async Task AFailedRestoreDoesNotStopTheOthersSurfacesAndCanBeRetried()
    {
        var (cpu, gpu, tpu, journal) = Knobs();
        var scope = new HardwareScope([cpu, gpu, tpu]);
        await scope.ApplyAsync("cpu-freq", KnobValue.FromNumber(600), CancellationToken.None);
        await scope.ApplyAsync("gpu-freq", KnobValue.FromNumber(600), CancellationToken.None);
        await scope.ApplyAsync("edge-accelerator", KnobValue.FromText("max"), CancellationToken.None);
        gpu.FailingRestores = 1;

        var ex = Assert.ThrowsAsync<AggregateException>(async () => await scope.RestoreAsync(CancellationToken.None));
        Assert.That(ex!.Message, Does.Contain("gpu-freq").And.Contain("retry"));
        Assert.That(ex.InnerExceptions.Single().Message, Does.Contain("gpu-freq: restore write failed"));
        Assert.That(tpu.HasChanges || cpu.HasChanges, Is.False, "the knobs before and after the failing one were restored");
        Assert.That(gpu.HasChanges, Is.True);

        // The failing knob stayed in the scope: a second call restores it, and only it.
        await scope.RestoreAsync(CancellationToken.None);
        Assert.That(gpu.HasChanges, Is.False);
        Assert.That(gpu.Device.Number, Is.EqualTo(1800));
        Assert.That(journal.Skip(3), Is.EqualTo(new[] { "restore edge-accelerator=off", "restore gpu-freq failed", "restore cpu-freq=1800", "restore gpu-freq=1800" }));
        await scope.DisposeAsync();
        Assert.That(journal, Has.Count.EqualTo(7), "nothing was restored twice");
    }

    [Test]
    public async Task DisposeRetriesWhatAnEarlierRestoreCouldNot()
    {
        var (cpu, gpu, _, _) = Knobs();
        var scope = new HardwareScope([cpu, gpu]);
        await scope.ApplyAsync("cpu-freq", KnobValue.FromNumber(600), CancellationToken.None);
        cpu.FailingRestores = 1;
        Assert.ThrowsAsync<AggregateException>(async () => await scope.RestoreAsync(CancellationToken.None));
        Assert.That(cpu.HasChanges, Is.True);
        await scope.DisposeAsync();
        Assert.That(cpu.HasChanges, Is.False);
    }

    [Test]
    public async Task ARestoreThatFailsEveryTimeSurfacesFromDispose()
    {
        var (cpu, gpu, _, _) = Knobs();
        var scope = new HardwareScope([cpu, gpu]);
        await scope.ApplyAsync("cpu-freq", KnobValue.FromNumber(600), CancellationToken.None);
        await scope.ApplyAsync("gpu-freq", KnobValue.FromNumber(600), CancellationToken.None);
        cpu.FailingRestores = int.MaxValue;
        var ex = Assert.ThrowsAsync<AggregateException>(async () => await scope.DisposeAsync());
        Assert.That(ex!.InnerExceptions, Has.Count.EqualTo(1));
        Assert.That(gpu.HasChanges, Is.False);
    }

    [Test]
    public async Task ACancelledRestoreLeavesTheRestForDispose()
    {
        var (cpu, gpu, tpu, _) = Knobs();
        var scope = new HardwareScope([cpu, gpu, tpu]);
        await scope.ApplyAsync("cpu-freq", KnobValue.FromNumber(600), CancellationToken.None);
        await scope.ApplyAsync("gpu-freq", KnobValue.FromNumber(600), CancellationToken.None);
        await scope.ApplyAsync("edge-accelerator", KnobValue.FromText("max"), CancellationToken.None);
        gpu.ObservesCancellation = true;
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        Assert.CatchAsync<OperationCanceledException>(async () => await scope.RestoreAsync(cancelled.Token));
        Assert.That(tpu.HasChanges, Is.False, "restored before the cancellation was seen");
        Assert.That(gpu.HasChanges && cpu.HasChanges, Is.True);
        await scope.DisposeAsync();
        Assert.That(cpu.HasChanges || gpu.HasChanges || tpu.HasChanges, Is.False);
    }

    [Test]
    public async Task RestoreWithALiveTokenRestoresEverything()
    {
        var (cpu, gpu, tpu, _) = Knobs();
        foreach (var knob in new[] { cpu, gpu, tpu })
        {
            knob.ObservesCancellation = true;
        }

        await using var scope = new HardwareScope([cpu, gpu, tpu]);
        await scope.ApplyAsync("cpu-freq", KnobValue.FromNumber(600), CancellationToken.None);
        await scope.ApplyAsync("edge-accelerator", KnobValue.FromText("max"), CancellationToken.None);
        using var live = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        await scope.RestoreAsync(live.Token);
        Assert.That(cpu.HasChanges || tpu.HasChanges, Is.False);
        Assert.That(cpu.Device.Number, Is.EqualTo(1800));
        Assert.That(tpu.Device.Text, Is.EqualTo("off"));
    }
}
