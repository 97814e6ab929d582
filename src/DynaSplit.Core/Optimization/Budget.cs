namespace DynaSplit.Optimization;

/// <summary>Budgets of the offline phase, counted in unique configurations.</summary>
public static class Budget
{
    /// <summary>
    /// The number of unique configurations a fraction of the valid space allows: <c>ceil(fraction * validCount)</c>,
    /// at least 1 and at most <paramref name="validCount"/>.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The fraction is not in (0, 1], or the space is empty.</exception>
    public static int FromFraction(double fraction, int validCount)
    {
        if (!(fraction > 0 && fraction <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(fraction), fraction, "The budget is a fraction of the valid space in (0, 1], for example 0.2 for the paper's 20%.");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(validCount, 1);
        var budget = (int)Math.Ceiling((fraction * validCount) - 1e-9);
        return Math.Clamp(budget, 1, validCount);
    }
}
