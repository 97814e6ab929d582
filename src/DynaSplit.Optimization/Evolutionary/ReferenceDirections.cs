namespace DynaSplit.Optimization.Evolutionary;

/// <summary>Structured reference points for NSGA-III.</summary>
public static class ReferenceDirections
{
    /// <summary>
    /// The Das and Dennis (1998) points on the unit simplex: every vector of <paramref name="objectives"/>
    /// non-negative multiples of 1/<paramref name="divisions"/> summing to 1. There are
    /// C(divisions + objectives - 1, objectives - 1) of them (91 for 3 objectives and 12 divisions).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">Fewer than 1 objective or division, or more than 2,000,000 points.</exception>
    public static double[][] DasDennis(int objectives, int divisions)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(objectives, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(divisions, 1);
        var count = Count(objectives, divisions);
        if (count > 2_000_000)
        {
            throw new ArgumentOutOfRangeException(nameof(divisions), divisions, $"{objectives} objectives with {divisions} divisions give {count} reference points; use fewer divisions.");
        }

        var result = new List<double[]>((int)count);
        var current = new int[objectives];
        Fill(current, 0, divisions, divisions, result);
        return result.ToArray();
    }

    /// <summary>The number of Das-Dennis points: C(divisions + objectives - 1, objectives - 1).</summary>
    public static long Count(int objectives, int divisions)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(objectives, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(divisions, 1);
        double n = divisions + objectives - 1;
        var k = objectives - 1;
        double value = 1;
        for (var i = 1; i <= k; i++)
        {
            value = value * (n - k + i) / i;
        }

        return (long)Math.Round(value);
    }

    private static void Fill(int[] current, int index, int left, int divisions, List<double[]> result)
    {
        if (index == current.Length - 1)
        {
            current[index] = left;
            result.Add(current.Select(c => (double)c / divisions).ToArray());
            return;
        }

        for (var value = left; value >= 0; value--)
        {
            current[index] = value;
            Fill(current, index + 1, left - value, divisions, result);
        }
    }
}
