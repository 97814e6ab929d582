using DynaSplit.Spaces;

namespace DynaSplit.Hardware;

/// <summary>
/// How a space's parameters and the registered knobs match up (by name): the parameters that are hardware settings
/// but no knob applies, and the knobs no parameter mentions. Cut points, thread counts, execution providers and tensor
/// codecs are applied by the pipeline, not by knobs, and are never reported.
/// </summary>
/// <param name="UnboundParameters">Hardware parameters of the space that no knob applies.</param>
/// <param name="UnusedKnobs">Knobs that no parameter of the space mentions.</param>
public sealed record KnobBindingReport(IReadOnlyList<Parameter> UnboundParameters, IReadOnlyList<string> UnusedKnobs)
{
    /// <summary>True when every hardware parameter has a knob and every knob a parameter.</summary>
    public bool IsComplete => UnboundParameters.Count == 0 && UnusedKnobs.Count == 0;

    /// <summary>True for parameters that knobs apply (every setting but those the pipeline applies itself).</summary>
    public static bool NeedsKnob(Parameter parameter)
    {
        ArgumentNullException.ThrowIfNull(parameter);
        return parameter.Setting is not (SettingKind.CutPoint or SettingKind.Threads or SettingKind.ExecutionProvider or SettingKind.TensorCodec);
    }

    /// <summary>One sentence naming what does not match and what to do, or an empty string when everything matches.</summary>
    public string Describe()
    {
        var parts = new List<string>(2);
        if (UnboundParameters.Count > 0)
        {
            parts.Add($"no knob applies the parameter(s) {string.Join(", ", UnboundParameters.Select(p => p.Describe()))}: the table or space was made for other hardware (or other knob names and units), so these settings would never be set; register the knobs, or use a table made on this system");
        }

        if (UnusedKnobs.Count > 0)
        {
            parts.Add($"the knob(s) {string.Join(", ", UnusedKnobs)} appear in no parameter and stay as they are");
        }

        return string.Join("; ", parts);
    }
}
