namespace DynaSplit.Spaces;

/// <summary>A compiled validity rule over encoded values in a space's parameter order.</summary>
/// <param name="values">The encoded values.</param>
/// <returns>True when the values satisfy the rule.</returns>
public delegate bool ConfigurationPredicate(ReadOnlySpan<double> values);
