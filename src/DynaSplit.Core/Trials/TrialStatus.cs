namespace DynaSplit.Trials;

/// <summary>How a trial ended.</summary>
public enum TrialStatus
{
    /// <summary>The trial measured the configuration.</summary>
    Complete,

    /// <summary>The trial failed; <see cref="TrialRecord.Error"/> says why. It is not retried.</summary>
    Failed,
}
