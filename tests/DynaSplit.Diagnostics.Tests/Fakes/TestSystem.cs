using DynaSplit.Hardware;
using DynaSplit.Objectives;
using DynaSplit.Planning;
using DynaSplit.Scheduling;
using DynaSplit.Spaces;

namespace DynaSplit.Diagnostics.Tests.Fakes;

/// <summary>A two-entry lookup table over a CPU frequency and a split point (0..22), and the model and knob it fits.</summary>
internal static class TestSystem
{
    public const int LastCut = 22;

    public static ConfigurationSpace Space { get; } = new(
    [
        new OrdinalParameter("cpu-freq", [600, 1800], ParameterRole.EdgeCpuFrequency),
        new IntegerParameter("layer", 0, LastCut, 1, ParameterRole.SplitPoint),
    ]);

    public static LookupTable Table(string? fingerprint = null) => new(Space, WellKnownObjectives.LatencyEnergy,
    [
        new LookupEntry(Space.ParseKey("cpu-freq=1800;layer=0"), 100, 60, null),
        new LookupEntry(Space.ParseKey("cpu-freq=600;layer=22"), 400_000, 2, null),
    ])
    {
        Binding = new TableBinding(fingerprint, LastCut, ["edge", "cloud"]),
    };

    public static FakeKnob CpuKnob() =>
        new("cpu-freq", new KnobDomain([KnobValue.FromNumber(600), KnobValue.FromNumber(1800)], "MHz"), KnobValue.FromNumber(1800));

    /// <summary>A model with split points 0..<paramref name="lastCut"/>.</summary>
    public static SplitPlan Plan(int lastCut = LastCut, string? fingerprint = null)
    {
        var tensor = new TensorInfo("x", TensorElementType.Float, [1, 2]);
        return new SplitPlan("model.onnx", [tensor], [tensor], [.. Enumerable.Range(0, lastCut + 1).Select(i => new SplitPoint { Index = i, Tensors = [tensor] })])
        {
            Fingerprint = fingerprint,
        };
    }
}
