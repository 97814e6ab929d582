using System.Globalization;

namespace DynaSplit.OnnxRuntime.Verification;

/// <summary>Two cuts of a model, <c>First &lt;= Second</c>: the three-stage placement device [0..First], edge [First..Second], cloud [Second..last].</summary>
/// <param name="First">The first cut (the end of the device's stage).</param>
/// <param name="Second">The second cut (the end of the edge's stage).</param>
public readonly record struct CutPair(int First, int Second)
{
    /// <summary>Every pair of cuts <c>0 &lt;= First &lt;= Second &lt;= lastCut</c>, ordered by the first cut, then the second.</summary>
    public static IReadOnlyList<CutPair> All(int lastCut)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(lastCut);
        var pairs = new List<CutPair>((lastCut + 1) * (lastCut + 2) / 2);
        for (var a = 0; a <= lastCut; a++)
        {
            for (var b = a; b <= lastCut; b++)
            {
                pairs.Add(new CutPair(a, b));
            }
        }

        return pairs;
    }

    /// <summary>
    /// <paramref name="count"/> distinct pairs drawn uniformly from <see cref="All"/> with <paramref name="seed"/>
    /// (all of them when there are no more), ordered like <see cref="All"/>. The same seed gives the same pairs.
    /// </summary>
    public static IReadOnlyList<CutPair> Sample(int lastCut, int count, int seed)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        var all = All(lastCut);
        if (count >= all.Count)
        {
            return all;
        }

        // A partial Fisher-Yates shuffle of the indices: the first count are a uniform sample without replacement.
        var random = new Random(seed);
        var indices = Enumerable.Range(0, all.Count).ToArray();
        for (var i = 0; i < count; i++)
        {
            var j = random.Next(i, indices.Length);
            (indices[i], indices[j]) = (indices[j], indices[i]);
        }

        return indices.Take(count).Order().Select(i => all[i]).ToArray();
    }

    /// <summary>Parses <c>A,B</c>.</summary>
    /// <exception cref="FormatException">The text is not two integers separated by a comma, or the first is after the second.</exception>
    public static CutPair Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parts = text.Split(',', StringSplitOptions.TrimEntries);
        if (parts.Length != 2
            || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var a)
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var b))
        {
            throw new FormatException($"'{text}' is not a pair of cuts A,B (two split indices separated by a comma, for example 3,18).");
        }

        if (a > b)
        {
            throw new FormatException($"Cuts {a},{b}: the first cut must not be after the second (write {b},{a}).");
        }

        return new CutPair(a, b);
    }

    /// <inheritdoc />
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{First},{Second}");
}
