using DynaSplit.Core.Tests.Fakes;
using DynaSplit.Execution;
using DynaSplit.Hardware;
using DynaSplit.Spaces;
using DynaSplit.Testbed;

namespace DynaSplit.Core.Tests.Testbed;

public sealed class HardwareTestbedTests
{
    private static readonly ConfigurationSpace Space = new(
    [
        new OrdinalParameter("cpu-freq", [600, 1800], ParameterRole.EdgeCpuFrequency),
        new IntegerParameter("layer", 0, 3, 1, ParameterRole.SplitPoint),
    ]);

    private static readonly IReadOnlyList<TensorData> Input = [TensorData.FromFloats("x", [1], [1f])];

    [Test]
    public async Task ATrialConfiguresWarmsUpAndReportsMeansPerInference()
    {
        var journal = new List<string>();
        var cpu = new RecordingKnob("cpu-freq", new KnobDomain([KnobValue.FromNumber(600), KnobValue.FromNumber(1800)]), KnobValue.FromNumber(1800), journal);
        var executor = new FakeExecutor();
        var meter = new FixedEnergyMeter(joules: 8);
        await using (var testbed = new HardwareTestbed(Space, [cpu], executor, meter, _ => Input, new HardwareTestbedOptions { WarmupInferences = 2, MeasuredInferences = 4 }))
        {
            var measurement = await testbed.EvaluateAsync(Space.ParseKey("cpu-freq=600;layer=2"), CancellationToken.None);

            Assert.That(executor.SplitIndices, Is.EqualTo(new[] { 2, 2, 2, 2, 2, 2 }), "2 warm-up + 4 measured inferences at split 2");
            Assert.That(measurement.EnergyJ, Is.EqualTo(2.0), "8 J over 4 inferences");
            Assert.That(measurement.Inferences, Is.EqualTo(4));
            Assert.That(measurement.TransferredBytes, Is.EqualTo(42));
            Assert.That(measurement.Latency!.EdgeMs, Is.EqualTo(1).Within(1e-9));
            Assert.That(measurement.Latency.CloudMs, Is.EqualTo(2).Within(1e-9));
            Assert.That(cpu.Device.Number, Is.EqualTo(600), "the configuration stays set between trials");
        }

        Assert.That(cpu.Device.Number, Is.EqualTo(1800), "disposing restores the board");
    }

    [Test]
    public async Task AFailingOrCancelledTrialRestoresTheBoardBeforeTheErrorPropagates()
    {
        var journal = new List<string>();
        var cpu = new RecordingKnob("cpu-freq", new KnobDomain([KnobValue.FromNumber(600), KnobValue.FromNumber(1800)]), KnobValue.FromNumber(1800), journal);
        var calls = 0;
        using var cancel = new CancellationTokenSource();
        var executor = new DelegateExecutor(ct =>
        {
            calls++;
            if (calls == 3)
            {
                throw new IOException("link to the cloud node dropped");
            }

            if (calls == 7)
            {
                cancel.Cancel();
            }

            ct.ThrowIfCancellationRequested();
        });
        await using var testbed = new HardwareTestbed(Space, [cpu], executor, new FixedEnergyMeter(1), _ => Input, new HardwareTestbedOptions { WarmupInferences = 1, MeasuredInferences = 5 });

        Assert.That(async () => await testbed.EvaluateAsync(Space.ParseKey("cpu-freq=600;layer=1"), CancellationToken.None), Throws.TypeOf<IOException>());
        Assert.That(cpu.Device.Number, Is.EqualTo(1800));

        Assert.That(async () => await testbed.EvaluateAsync(Space.ParseKey("cpu-freq=600;layer=1"), cancel.Token), Throws.InstanceOf<OperationCanceledException>());
        Assert.That(cpu.Device.Number, Is.EqualTo(1800));
        Assert.That(journal, Is.EqualTo(new[] { "cpu-freq=600", "restore cpu-freq=1800", "cpu-freq=600", "restore cpu-freq=1800" }));
    }

    [Test]
    public void InvalidSetupsAreRefused()
    {
        var noSplit = new ConfigurationSpace([new OrdinalParameter("cpu-freq", [600])]);
        Assert.That(() => new HardwareTestbed(noSplit, [], new FakeExecutor(), new FixedEnergyMeter(1), _ => Input), Throws.ArgumentException.With.Message.Contains("no cut-point parameter"));
        Assert.That(() => new HardwareTestbed(Space, [], new FakeExecutor(), new FixedEnergyMeter(1), _ => Input, new HardwareTestbedOptions { MeasuredInferences = 0 }),
            Throws.ArgumentException.With.Message.Contains("MeasuredInferences must be at least 1"));
    }

    private sealed class DelegateExecutor(Action<CancellationToken> body) : ISplitExecutor
    {
        public ValueTask<SplitExecutionResult> RunAsync(SplitExecutionRequest request, CancellationToken cancellationToken)
        {
            body(cancellationToken);
            return ValueTask.FromResult(new SplitExecutionResult(request.Inputs, default, 0));
        }
    }

    [Test]
    public async Task InputsAreMadeBeforeTheMeasuredWindowAndOnlyABoundedNumberOfThem()
    {
        var made = new List<int>();
        var meter = new FixedEnergyMeter(joules: 8);
        var executor = new FakeExecutor();
        await using var testbed = new HardwareTestbed(Space, [], executor, meter, i => { made.Add(i); return Input; }, new HardwareTestbedOptions { WarmupInferences = 1, MeasuredInferences = 20, DistinctInputs = 3 });

        var measurement = await testbed.EvaluateAsync(Space.ParseKey("cpu-freq=600;layer=2"), CancellationToken.None);

        Assert.That(made, Is.EqualTo(new[] { 0, 1, 2 }), "three inputs made once, before warm-up and measurement");
        Assert.That(executor.SplitIndices, Has.Count.EqualTo(21));
        Assert.That(measurement.Stages.Select(s => (s.Tier, s.ComputeMs)), Is.EqualTo(new[] { ("edge", 1.0), ("cloud", 2.0) }));
        Assert.That(testbed.CanMeasure("accuracy"), Is.False);
    }
}
