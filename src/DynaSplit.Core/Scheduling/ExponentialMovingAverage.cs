namespace DynaSplit.Scheduling;

/// <summary>
/// An exponentially weighted moving average whose samples carry a weight (seconds of traffic) and whose half-life
/// is in the same unit, with the start-up bias removed: an average of zero samples is not zero but unknown, so the
/// sum is divided by the weight it has accumulated (<c>1 - alpha^total</c>), as adaptive video players do.
/// </summary>
internal struct ExponentialMovingAverage
{
    private readonly double _alpha;
    private double _estimate;
    private double _totalWeight;

    /// <summary>Creates an average that forgets half of its past every <paramref name="halfLife"/> units of weight.</summary>
    public ExponentialMovingAverage(double halfLife)
    {
        _alpha = Math.Exp(Math.Log(0.5) / halfLife);
        _estimate = 0;
        _totalWeight = 0;
    }

    /// <summary>True once a sample has been added.</summary>
    public readonly bool HasValue => _totalWeight > 0;

    /// <summary>The bias-corrected average (NaN before the first sample).</summary>
    public readonly double Value => _totalWeight > 0 ? _estimate / (1 - Math.Pow(_alpha, _totalWeight)) : double.NaN;

    /// <summary>Adds <paramref name="value"/> with <paramref name="weight"/> (positive).</summary>
    public void Add(double weight, double value)
    {
        var keep = Math.Pow(_alpha, weight);
        _estimate = (value * (1 - keep)) + (keep * _estimate);
        _totalWeight += weight;
    }
}
