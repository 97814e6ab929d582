namespace DynaSplit.Energy;

/// <summary>Whether an energy figure comes from a sensor or from a model.</summary>
public enum EnergyReadingKind
{
    /// <summary>Measured by a power sensor or an energy counter.</summary>
    Measured,

    /// <summary>Estimated by a power model (no sensor available).</summary>
    Estimated,
}
