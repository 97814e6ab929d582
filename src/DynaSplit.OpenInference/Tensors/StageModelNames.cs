using System.Globalization;

namespace DynaSplit.OpenInference.Tensors;

/// <summary>
/// How a stage of a model is named as a served model: one served model per cut range, so each has fixed inputs and
/// outputs that the protocol's model metadata can describe, and the same names work on Triton or KServe.
/// </summary>
/// <remarks>
/// The stage from cut <c>a</c> to cut <c>b</c> of model <c>m</c> is <c>m.a-b</c> (for SqueezeNet's tail after cut 7
/// of 40: <c>squeezenet1_1.7-40</c>). The whole model (0 to the last cut) is also served under its own name.
/// </remarks>
public static class StageModelNames
{
    /// <summary>The served model name of the stage from <paramref name="fromCut"/> to <paramref name="toCut"/> of <paramref name="model"/>.</summary>
    public static string For(string model, int fromCut, int toCut)
    {
        ArgumentException.ThrowIfNullOrEmpty(model);
        ArgumentOutOfRangeException.ThrowIfNegative(fromCut);
        ArgumentOutOfRangeException.ThrowIfLessThan(toCut, fromCut);
        return string.Create(CultureInfo.InvariantCulture, $"{model}.{fromCut}-{toCut}");
    }

    /// <summary>Reads a stage's cut range out of a served model name made by <see cref="For"/>.</summary>
    public static bool TryParse(string name, string model, out int fromCut, out int toCut)
    {
        fromCut = 0;
        toCut = 0;
        if (name is null || model is null || name.Length <= model.Length + 1 || !name.StartsWith(model, StringComparison.Ordinal) || name[model.Length] != '.')
        {
            return false;
        }

        var range = name.AsSpan(model.Length + 1);
        var dash = range.IndexOf('-');
        return dash > 0
            && int.TryParse(range[..dash], NumberStyles.None, CultureInfo.InvariantCulture, out fromCut)
            && int.TryParse(range[(dash + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out toCut)
            && toCut >= fromCut;
    }
}
