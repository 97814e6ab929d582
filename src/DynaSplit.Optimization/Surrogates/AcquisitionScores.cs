using DynaSplit.Optimization.Indicators;

namespace DynaSplit.Optimization.Surrogates;

/// <summary>The scores of <see cref="PreSelectionAcquisition"/>; smaller is better. Points are minimized objective vectors.</summary>
internal sealed class AcquisitionScores
{
    private readonly PreSelectionAcquisition _acquisition;
    private readonly double[][] _members;
    private readonly double[] _reference;
    private readonly List<double[]> _inside;
    private readonly double _baseVolume;

    /// <summary>Prepares scoring against <paramref name="members"/>, with <paramref name="reference"/> for the hypervolume.</summary>
    public AcquisitionScores(PreSelectionAcquisition acquisition, double[][] members, double[] reference)
    {
        _acquisition = acquisition;
        _members = members;
        _reference = reference;
        _inside = members.Where(p => Inside(p, reference)).ToList();
        _baseVolume = acquisition == PreSelectionAcquisition.HypervolumeImprovement ? Hypervolume.ComputeMinimized(_inside, reference) : 0;
    }

    /// <summary>The score of a candidate's bound.</summary>
    public double Score(double[] bound)
    {
        var epsilon = EpsilonImprovement(bound);

        // epsilon >= 0: a member is at least as good in every objective, so the bound adds no volume (no hypervolume to compute).
        if (_acquisition == PreSelectionAcquisition.EpsilonImprovement || epsilon >= 0 || !Inside(bound, _reference))
        {
            return _acquisition == PreSelectionAcquisition.EpsilonImprovement ? epsilon : Math.Max(epsilon, 0);
        }

        _inside.Add(bound);
        var gain = Hypervolume.ComputeMinimized(_inside, _reference) - _baseVolume;
        _inside.RemoveAt(_inside.Count - 1);
        return gain > 1e-12 ? -gain : Math.Max(epsilon, 0);
    }

    /// <summary>Max over members of min over objectives of bound minus member: negative when no member dominates the bound.</summary>
    private double EpsilonImprovement(double[] bound)
    {
        var score = double.NegativeInfinity;
        foreach (var member in _members)
        {
            var weakest = double.PositiveInfinity;
            for (var j = 0; j < bound.Length; j++)
            {
                weakest = Math.Min(weakest, bound[j] - member[j]);
            }

            score = Math.Max(score, weakest);
        }

        return score;
    }

    private static bool Inside(double[] point, double[] reference)
    {
        for (var j = 0; j < point.Length; j++)
        {
            if (!(point[j] < reference[j]))
            {
                return false;
            }
        }

        return true;
    }
}
