namespace DynaSplit.Spaces;

/// <summary>The kind of a parameter's domain.</summary>
public enum ParameterKind
{
    /// <summary>An integer range with a step (for example a split index).</summary>
    Integer,

    /// <summary>Ordered numeric levels (for example the CPU frequencies a board offers).</summary>
    Ordinal,

    /// <summary>Unordered named choices (for example an accelerator mode).</summary>
    Categorical,

    /// <summary>A real interval (used by continuous test problems; not enumerable).</summary>
    Real,
}
