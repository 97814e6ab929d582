using DynaSplit.Execution;
using DynaSplit.OnnxRuntime.Planning;
using DynaSplit.Placements.Onnx;
using DynaSplit.Placements.Planning;
using DynaSplit.Placements.Reference;
using Microsoft.ML.OnnxRuntime;

namespace DynaSplit.Placements.Tests;

/// <summary>A plan of the programmatic three-exit network run on the core's pipeline, stage by stage, against the whole model.</summary>
public sealed class PipelineRunTests
{
    private static readonly OnnxExit[] Exits = [new("exit1", 55), new("exit2", 70), new("exit3", 85)];

    [TestCase(2, new[] { 0, 1, 2 }, "device[0..1] | edge[1..2] | cloud[2..3]")]
    [TestCase(1, new[] { 0, 2 }, "device[0..1] | cloud[1..2]")]
    [TestCase(2, new[] { 0, 0, 0 }, "device[0..3]")]
    [TestCase(0, new[] { 0 }, "device[0..1]")]
    public async Task A_placement_run_on_the_pipeline_gives_exactly_the_whole_models_exit_output(int exitIndex, int[] tiers, string expectedPlacement)
    {
        var onnx = BranchyModels.ThreeExits();
        var model = OnnxSplitModel.Create(onnx);
        var profile = OnnxProfileBuilder.Build(model, Exits);
        var plan = PlacementCostModel.Evaluate(FinReference.Topology, profile.Profile, exitIndex, tiers);
        var placement = plan.ToPlacement();
        Assert.That(placement.ToString(), Is.EqualTo(expectedPlacement));

        using var runner = new EarlyExitStageRunner(model, profile, exitIndex);
        var pipeline = new PipelineExecutor(new[] { FinReference.Device, FinReference.Edge, FinReference.Cloud }.Select(t => new InProcessStageTransport(t, runner)));
        var input = RandomInput(seed: 5);
        var result = await pipeline.RunAsync(new PipelineRequest(placement, [input]), CancellationToken.None);

        var expected = WholeModel(onnx.ToBytes(), input, Exits[exitIndex].Output);
        Assert.That(result.Outputs, Has.Count.EqualTo(1));
        Assert.That(result.Outputs[0].Name, Is.EqualTo(Exits[exitIndex].Output));
        Assert.That(result.Outputs[0].AsFloats().ToArray(), Is.EqualTo(expected));
        Assert.That(result.Stages, Has.Count.EqualTo(placement.Stages.Count));

        // Every stage but the first received the cut the profile sized (float32 here).
        for (var i = 1; i < result.Stages.Count; i++)
        {
            Assert.That(result.Stages[i].BytesSent * 8, Is.EqualTo(profile.Profile.Blocks[placement.Cuts[i - 1] - 1].OutputBits));
        }
    }

    private static TensorData RandomInput(int seed)
    {
        var random = new Random(seed);
        var values = Enumerable.Range(0, 3 * 8 * 8).Select(_ => (float)random.NextDouble()).ToArray();
        return TensorData.FromFloats("x", [1, 3, 8, 8], values);
    }

    private static float[] WholeModel(byte[] model, TensorData input, string output)
    {
        using var session = new InferenceSession(model);
        using var value = OrtValue.CreateTensorValueFromMemory(input.AsFloats().ToArray(), [.. input.Shape]);
        using var options = new RunOptions();
        using var results = session.Run(options, ["x"], [value], [output]);
        return results[0].GetTensorDataAsSpan<float>().ToArray();
    }
}
