namespace DynaSplit.Spaces;

/// <summary>
/// A validity rule between parameters. Rules name parameters; the space compiles them once against its
/// own parameter order, so checking a configuration allocates nothing.
/// </summary>
public abstract class ConfigurationRule
{
    /// <summary>What the rule requires, in words (shown when a configuration breaks it).</summary>
    public abstract string Description { get; }

    /// <summary>Compiles the rule for <paramref name="space"/>.</summary>
    /// <exception cref="ArgumentException">The rule names a parameter or value the space does not have.</exception>
    public abstract ConfigurationPredicate Compile(ConfigurationSpace space);

    /// <inheritdoc />
    public override string ToString() => Description;
}
