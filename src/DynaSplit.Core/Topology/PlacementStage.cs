namespace DynaSplit.Topology;

/// <summary>
/// One stage of a <see cref="Placement"/>: the part of the model between two cut points, run on one tier.
/// </summary>
/// <param name="Index">The stage's position in the placement (0 = the data source's stage).</param>
/// <param name="Tier">The tier that runs the stage.</param>
/// <param name="FromCut">
/// The split-point index the stage starts at: its inputs are the tensors crossing that cut (the model's inputs when 0).
/// </param>
/// <param name="ToCut">
/// The split-point index the stage ends at: its outputs are the tensors crossing that cut (the model's outputs when it
/// is the model's last split index).
/// </param>
public readonly record struct PlacementStage(int Index, string Tier, int FromCut, int ToCut)
{
    /// <summary>True when the stage runs no part of the model (its two cuts coincide): its inputs pass through.</summary>
    public bool IsEmpty => FromCut == ToCut;

    /// <inheritdoc />
    public override string ToString() => $"stage {Index} on {Tier} [{FromCut}..{ToCut}]";
}
