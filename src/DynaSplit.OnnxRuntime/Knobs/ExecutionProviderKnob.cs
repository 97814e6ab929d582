using DynaSplit.Hardware;
using Microsoft.ML.OnnxRuntime;

namespace DynaSplit.OnnxRuntime.Knobs;

/// <summary>
/// The ONNX Runtime execution provider as a software knob: its domain is the providers the installed runtime
/// reports (OrtEnv.GetAvailableProviders); applying a value sets what the split executor's next sessions use.
/// </summary>
public sealed class ExecutionProviderKnob : OnnxRuntimeSettingKnob
{
    /// <summary>Creates the knob over <paramref name="state"/>; <paramref name="name"/> is the configuration parameter it sets.</summary>
    public ExecutionProviderKnob(OnnxRuntimeKnobState state, string name = "ort-provider")
        : base(state, name)
    {
    }

    /// <inheritdoc />
    protected override KnobDomain Domain() => new(OrtEnv.Instance().GetAvailableProviders().Select(KnobValue.FromText));

    /// <inheritdoc />
    protected override KnobValue Read() => KnobValue.FromText(State.ExecutionProvider);

    /// <inheritdoc />
    protected override void Write(KnobValue value) => State.ExecutionProvider = value.Text;

    /// <inheritdoc />
    protected override string DescribeRefusal(KnobValue value, KnobDomain domain) =>
        $"execution provider '{value.Text}' is not in this ONNX Runtime build; it offers {domain}.";
}
