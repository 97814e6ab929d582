namespace DynaSplit.Optimization.Indicators;

/// <summary>
/// Inverted generational distance: the mean, over the points of a reference front, of the Euclidean distance to
/// the nearest point of an approximation. Smaller is better; 0 when the approximation covers every reference point.
/// </summary>
public static class InvertedGenerationalDistance
{
    /// <summary>The IGD of <paramref name="approximation"/> with respect to <paramref name="referenceFront"/>.</summary>
    /// <exception cref="ArgumentException">Either set is empty, or the points have different lengths.</exception>
    public static double Compute(IReadOnlyList<double[]> approximation, IReadOnlyList<double[]> referenceFront)
    {
        ArgumentNullException.ThrowIfNull(approximation);
        ArgumentNullException.ThrowIfNull(referenceFront);
        if (approximation.Count == 0 || referenceFront.Count == 0)
        {
            throw new ArgumentException("IGD needs a non-empty approximation and a non-empty reference front.");
        }

        var dimension = referenceFront[0].Length;
        foreach (var point in approximation.Concat(referenceFront))
        {
            if (point.Length != dimension)
            {
                throw new ArgumentException($"A point has {point.Length} objectives; expected {dimension}.");
            }
        }

        var sum = 0.0;
        foreach (var reference in referenceFront)
        {
            var best = double.PositiveInfinity;
            foreach (var point in approximation)
            {
                var squared = 0.0;
                for (var j = 0; j < dimension; j++)
                {
                    var d = point[j] - reference[j];
                    squared += d * d;
                }

                best = Math.Min(best, squared);
            }

            sum += Math.Sqrt(best);
        }

        return sum / referenceFront.Count;
    }
}
