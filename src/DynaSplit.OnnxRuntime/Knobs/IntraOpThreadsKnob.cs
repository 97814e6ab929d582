using DynaSplit.Hardware;

namespace DynaSplit.OnnxRuntime.Knobs;

/// <summary>
/// ONNX Runtime's intra-op thread count as a software knob: domain 1..<see cref="Environment.ProcessorCount"/>;
/// applying a value sets what the split executor's next sessions use.
/// </summary>
public sealed class IntraOpThreadsKnob : OnnxRuntimeSettingKnob
{
    /// <summary>Creates the knob over <paramref name="state"/>; <paramref name="name"/> is the configuration parameter it sets.</summary>
    public IntraOpThreadsKnob(OnnxRuntimeKnobState state, string name = "ort-threads")
        : base(state, name)
    {
    }

    /// <inheritdoc />
    protected override KnobDomain Domain() =>
        new(Enumerable.Range(1, Environment.ProcessorCount).Select(n => KnobValue.FromNumber(n)), "threads");

    /// <inheritdoc />
    protected override KnobValue Read() => KnobValue.FromNumber(State.IntraOpThreads);

    /// <inheritdoc />
    protected override void Write(KnobValue value) => State.IntraOpThreads = (int)value.Number!.Value;

    /// <inheritdoc />
    protected override string DescribeRefusal(KnobValue value, KnobDomain domain) =>
        $"{value.Text} intra-op threads is outside 1..{Environment.ProcessorCount} (this host's processors).";
}
