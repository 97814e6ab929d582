using DynaSplit.Planning;
using DynaSplit.Spaces;

namespace DynaSplit.Scheduling;

/// <summary>
/// What a lookup table was made for: the model (its fingerprint and last split index) and the tiers its stages run on.
/// The parameters, with their tiers, setting kinds and units, are the table's space. Checked at start against the
/// model being served (<see cref="Verify"/>), so a table made for another model or system fails with the mismatch named.
/// </summary>
/// <param name="ModelFingerprint">A fingerprint of the model the table was measured on (for example <c>sha256:...</c>), when known.</param>
/// <param name="LastCut">The model's last split index, when known.</param>
/// <param name="Tiers">The tiers of the stages, data source first (two-tier tables: edge, cloud).</param>
public sealed record TableBinding(string? ModelFingerprint, int? LastCut, IReadOnlyList<string> Tiers)
{
    /// <summary>What a table without a header (format version 1) is taken to be bound to: an unknown model on edge and cloud.</summary>
    public static TableBinding Unknown { get; } = new(null, null, [Topology.TierNames.Edge, Topology.TierNames.Cloud]);

    /// <summary>
    /// Checks that <paramref name="table"/> can drive <paramref name="plan"/>'s model: the fingerprints agree when both are
    /// known, and the table's cut-point parameters cover exactly the model's split points.
    /// </summary>
    /// <exception cref="InvalidOperationException">They do not match; the message names the mismatch and what to do.</exception>
    public static void Verify(LookupTable table, SplitPlan plan, string tableSource = "The lookup table")
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(plan);
        var binding = table.Binding;
        if (binding.ModelFingerprint is { } expected && plan.Fingerprint is { } actual && !string.Equals(expected, actual, StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"{tableSource} was made for a model with fingerprint {expected}, but {plan.Model} has {actual}: run the offline phase for this model, or load the table made for it.");
        }

        var cuts = table.Space.Parameters.Where(p => p.Setting == SettingKind.CutPoint).ToArray();
        if (cuts.Length == 0)
        {
            throw new InvalidOperationException($"{tableSource} has no cut-point parameter, so it cannot say where to split {plan.Model}.");
        }

        foreach (var cut in cuts)
        {
            if ((int)cut.Maximum != plan.EdgeOnlyIndex)
            {
                throw new InvalidOperationException($"{tableSource}'s cut point '{cut.Name}' ranges over {cut.DescribeDomain()}, but {plan.Model} has split points 0..{plan.EdgeOnlyIndex}: the table was made for another model (last split index {(int)cut.Maximum}). Run the offline phase for this model.");
            }
        }

        if (binding.LastCut is { } last && last != plan.EdgeOnlyIndex)
        {
            throw new InvalidOperationException($"{tableSource} was made for a model with split points 0..{last}, but {plan.Model} has 0..{plan.EdgeOnlyIndex}. Run the offline phase for this model.");
        }
    }
}
