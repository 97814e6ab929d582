using DynaSplit.Execution;
using DynaSplit.Spaces;
using DynaSplit.Topology;

namespace DynaSplit.Core.Tests.Execution;

public sealed class PipelineExecutorTests
{
    /// <summary>A "model" whose split point k holds one tensor [k]: a stage from a to b adds b - a to the value.</summary>
    private sealed class CountingRunner(string tier, List<string> journal) : IStageRunner
    {
        public ValueTask<StageOutput> RunAsync(StageRequest request, CancellationToken cancellationToken)
        {
            var value = request.Inputs[0].AsFloats()[0];
            Assert.That(value, Is.EqualTo(request.Stage.FromCut), "a stage must receive the tensors of its first cut");
            journal.Add($"{tier}:{request.Stage.FromCut}-{request.Stage.ToCut}:{request.Settings.Threads?.ToString() ?? "-"}:{request.Settings.ExecutionProvider ?? "-"}");
            var output = TensorData.FromFloats("cut", [1], [value + (request.Stage.ToCut - request.Stage.FromCut)]);
            return ValueTask.FromResult(new StageOutput([output], TimeSpan.FromMilliseconds(request.Stage.ToCut - request.Stage.FromCut)));
        }
    }

    [Test]
    public async Task StagesRunInOrderOnTheirTiersEachWithItsOwnSettingsAndEmptyStagesPassThrough()
    {
        var journal = new List<string>();
        var pipeline = new PipelineExecutor(
        [
            new InProcessStageTransport("device", new CountingRunner("device", journal)),
            new InProcessStageTransport("edge", new CountingRunner("edge", journal)),
            new InProcessStageTransport("cloud", new CountingRunner("cloud", journal)),
        ]);
        var space = new ConfigurationSpace(
        [
            new IntegerParameter("cut1", 0, 9) { Setting = SettingKind.CutPoint },
            new IntegerParameter("cut2", 0, 9) { Setting = SettingKind.CutPoint },
            new IntegerParameter("edge-threads", 1, 4) { Setting = SettingKind.Threads, Tier = "edge" },
            new CategoricalParameter("cloud-ep", ["CPU", "CUDA"]) { Setting = SettingKind.ExecutionProvider, Tier = "cloud" },
        ]);
        var configuration = space.ParseKey("cut1=3;cut2=3;edge-threads=2;cloud-ep=CUDA");
        var placement = ConfigurationPlacement.Resolve(configuration, ["device", "edge", "cloud"]);

        var result = await pipeline.RunAsync(new PipelineRequest(placement, [TensorData.FromFloats("x", [1], [0f])], configuration), CancellationToken.None);

        Assert.That(journal, Is.EqualTo(new[] { "device:0-3:-:-", "cloud:3-9:-:CUDA" }));
        Assert.That(result.Outputs[0].AsFloats()[0], Is.EqualTo(9f));
        Assert.That(result.Stages.Select(s => (s.Stage, s.Tier, s.ComputeMs)), Is.EqualTo(new[] { (0, "device", 3.0), (1, "edge", 0.0), (2, "cloud", 6.0) }));
        Assert.That(result.TransferredBytes, Is.EqualTo(4), "only the cut tensor sent to the cloud crosses a boundary; the empty edge stage sends nothing");
    }

    [Test]
    public void AStageOnATierWithoutTransportIsRefusedBeforeAnythingRuns()
    {
        var journal = new List<string>();
        var pipeline = new PipelineExecutor([new InProcessStageTransport("edge", new CountingRunner("edge", journal))]);

        Assert.That(
            async () => await pipeline.RunAsync(new PipelineRequest(Placement.TwoTier(3, 9), [TensorData.FromFloats("x", [1], [0f])]), CancellationToken.None),
            Throws.ArgumentException.With.Message.Contains("tier 'cloud'").And.Message.Contains("Register a stage transport"));
        Assert.That(journal, Is.Empty);
    }

    [Test]
    public void TwoTransportsForOneTierAreRefused()
    {
        var runner = new CountingRunner("edge", []);
        Assert.That(
            () => new PipelineExecutor([new InProcessStageTransport("edge", runner), new InProcessStageTransport("edge", runner)]),
            Throws.ArgumentException.With.Message.Contains("one per tier"));
    }
}
