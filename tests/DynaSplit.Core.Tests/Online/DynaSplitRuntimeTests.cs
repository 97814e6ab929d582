using DynaSplit.Core.Tests.Fakes;
using DynaSplit.Execution;
using DynaSplit.Hardware;
using DynaSplit.Objectives;
using DynaSplit.Online;
using DynaSplit.Scheduling;
using DynaSplit.Spaces;

namespace DynaSplit.Core.Tests.Online;

public sealed class DynaSplitRuntimeTests
{
    [Test]
    public async Task EachRequestGetsItsConfigurationAndTheBoardIsRestoredAtTheEnd()
    {
        var space = new ConfigurationSpace(
        [
            new OrdinalParameter("cpu-freq", [600, 1800], ParameterRole.EdgeCpuFrequency),
            new IntegerParameter("layer", 0, 22, 1, ParameterRole.SplitPoint),
        ]);
        var table = new LookupTable(space, WellKnownObjectives.LatencyEnergy,
        [
            new LookupEntry(space.ParseKey("cpu-freq=1800;layer=0"), 100, 60, null),
            new LookupEntry(space.ParseKey("cpu-freq=600;layer=22"), 400_000, 2, null),
        ]);
        var journal = new List<string>();
        var cpu = new RecordingKnob("cpu-freq", new KnobDomain([KnobValue.FromNumber(600), KnobValue.FromNumber(1800)]), KnobValue.FromNumber(1200), journal);
        var executor = new FakeExecutor();
        var input = TensorData.FromFloats("x", [1, 2], [1f, 2f]);

        await using (var runtime = new DynaSplitRuntime(new DynaSplitScheduler(table), executor, [cpu]))
        {
            var relaxed = await runtime.RunAsync(new InferenceRequest(1_000_000), [input], CancellationToken.None);
            var strict = await runtime.RunAsync(new InferenceRequest(150_000), [input], CancellationToken.None);
            var strictAgain = await runtime.RunAsync(new InferenceRequest(150_000), [input], CancellationToken.None);

            Assert.That(relaxed.Configuration.Key, Is.EqualTo("cpu-freq=600;layer=22"));
            Assert.That(strict.Configuration.Key, Is.EqualTo("cpu-freq=1800;layer=0"));
            Assert.That(strictAgain.Execution.TransferredBytes, Is.EqualTo(42));
            Assert.That(relaxed.Execution.Outputs![0].AsFloats().ToArray(), Is.EqualTo(new[] { 1f, 2f }));
            Assert.That(strict.MetThreshold, Is.True);
            Assert.That(executor.SplitIndices, Is.EqualTo(new[] { 22, 0, 0 }));
            Assert.That(runtime.Current!.Key, Is.EqualTo("cpu-freq=1800;layer=0"));
        }

        Assert.That(journal, Is.EqualTo(new[] { "cpu-freq=600", "cpu-freq=1800", "restore cpu-freq=1200" }), "unchanged configurations are not re-applied");
        Assert.That(cpu.Device.Number, Is.EqualTo(1200));
    }
}
