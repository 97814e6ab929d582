namespace DynaSplit.Optimization;

/// <summary>How the surrogate's pre-selection rates a candidate against the measured non-dominated set.</summary>
public enum PreSelectionAcquisition
{
    /// <summary>
    /// The additive epsilon by which the candidate's lower confidence bound falls below the best measured member in
    /// its weakest objective (max over members of min over objectives of bound minus member); negative when the
    /// bound is non-dominated. Smallest first.
    /// </summary>
    EpsilonImprovement,

    /// <summary>
    /// The hypervolume the candidate's lower confidence bound adds to the model's predicted means at the measured
    /// non-dominated configurations (so one lucky measurement does not hide its neighbours), in the models' log and
    /// standardized units, with the reference point just beyond the worst observed value of each objective; candidates
    /// that add nothing are ordered by the epsilon improvement. Largest gain first. Rewards filling gaps and
    /// extending the ends of the front, which the hypervolume of a lookup table weighs most.
    /// </summary>
    HypervolumeImprovement,
}
