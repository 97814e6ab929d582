namespace DynaSplit.Spaces;

/// <summary>
/// "When parameter A has value a, parameter B must have value b", as in the paper's rules: the edge
/// accelerator is off when the split index is 0 (everything in the cloud); the cloud accelerator is off
/// when the split index is the last one (everything on the edge).
/// </summary>
public sealed class ImplicationRule : ConfigurationRule
{
    /// <summary>Creates the rule from labels of the two parameters' values.</summary>
    public ImplicationRule(string whenParameter, string whenLabel, string thenParameter, string thenLabel)
    {
        ArgumentException.ThrowIfNullOrEmpty(whenParameter);
        ArgumentException.ThrowIfNullOrEmpty(whenLabel);
        ArgumentException.ThrowIfNullOrEmpty(thenParameter);
        ArgumentException.ThrowIfNullOrEmpty(thenLabel);
        WhenParameter = whenParameter;
        WhenLabel = whenLabel;
        ThenParameter = thenParameter;
        ThenLabel = thenLabel;
    }

    /// <summary>The parameter of the condition.</summary>
    public string WhenParameter { get; }

    /// <summary>The label of the condition's value.</summary>
    public string WhenLabel { get; }

    /// <summary>The constrained parameter.</summary>
    public string ThenParameter { get; }

    /// <summary>The value the constrained parameter must have.</summary>
    public string ThenLabel { get; }

    /// <inheritdoc />
    public override string Description => $"{ThenParameter} must be {ThenLabel} when {WhenParameter} is {WhenLabel}";

    /// <inheritdoc />
    public override ConfigurationPredicate Compile(ConfigurationSpace space)
    {
        var whenIndex = Resolve(space, WhenParameter, WhenLabel, out var whenValue);
        var thenIndex = Resolve(space, ThenParameter, ThenLabel, out var thenValue);
        return values => values[whenIndex] != whenValue || values[thenIndex] == thenValue;
    }

    private int Resolve(ConfigurationSpace space, string name, string label, out double value)
    {
        if (!space.TryGetIndex(name, out var index))
        {
            throw new ArgumentException($"Rule '{Description}' names parameter '{name}', which the space does not have (it has: {string.Join(", ", space.Parameters.Select(p => p.Name))}).");
        }

        if (!space.Parameters[index].TryParse(label, out value))
        {
            throw new ArgumentException($"Rule '{Description}' names value '{label}' of '{name}', which is not in its domain {space.Parameters[index].DescribeDomain()}.");
        }

        return index;
    }
}
