namespace DynaSplit.Hardware;

/// <summary>What to do at start when a table parameter has no knob, or a knob no parameter (see <see cref="KnobBindingReport"/>).</summary>
public enum UnboundSettingsPolicy
{
    /// <summary>Log a warning naming them, and go on.</summary>
    Warn = 0,

    /// <summary>Refuse to start, with a message naming them.</summary>
    Error,
}
