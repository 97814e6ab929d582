using DynaSplit.Optimization.Evolutionary;
using DynaSplit.Spaces;

namespace DynaSplit.Optimization.Surrogates;

/// <summary>
/// Surrogate-assisted pre-selection of offspring: the evolutionary operators breed several candidates per
/// offspring slot, one Gaussian process per objective predicts each unmeasured candidate, and the candidates whose
/// optimistic prediction (mean minus <c>kappa</c> standard deviations, a lower confidence bound) would improve
/// the measured non-dominated set the most are the ones measured. Improvement is the additive epsilon by which the
/// bound falls below the best archive member in its weakest objective (max over members of min over objectives of
/// bound minus member), negative when the bound is non-dominated; smallest first. Objectives are modelled
/// standardized, on a log scale when every observed value is positive (latency and energy span orders of
/// magnitude). Hyperparameters are searched when the data has grown by a quarter since the last search, and kept
/// in between. Only for problems without constraints: a process fitted to a violation smooths the edge where
/// feasibility begins, and the pre-selection then settled one step off the constrained optimum when this was tried
/// during development (docs/optimization.md); constrained problems are bred plainly. The idea is the pre-selection of surrogate-assisted evolutionary algorithms (for example
/// Loshchilov, Schoenauer and Sebag 2010; Chugh et al. 2018, K-RVEA); it spends computation, not trials.
/// </summary>
internal sealed class SurrogatePreSelection
{
    private readonly GenomeCodec _codec;
    private readonly double _kappa;
    private const double ReferenceMargin = 0.1;
    private readonly PreSelectionAcquisition _acquisition;
    private readonly bool _lengthScalePrior;
    private readonly int _maxObservations;
    private readonly bool[] _categorical;
    private readonly List<(double[] Input, double[] Objectives)> _observations = [];
    private GaussianProcess[] _models = [];
    private int _searchedAt;
    private int _fittedAt = -1;
    private double[] _offset = [];
    private double[] _scale = [];
    private bool[] _logScale = [];

    public SurrogatePreSelection(GenomeCodec codec, double kappa, int maxObservations, PreSelectionAcquisition acquisition = PreSelectionAcquisition.EpsilonImprovement, bool lengthScalePrior = false)
    {
        _lengthScalePrior = lengthScalePrior;
        _acquisition = acquisition;
        _codec = codec;
        _kappa = kappa;
        _maxObservations = maxObservations;
        _categorical = codec.Kinds.Select(k => k == ParameterKind.Categorical).ToArray();
    }

    /// <summary>Observations recorded so far.</summary>
    public int Count => _observations.Count;

    /// <summary>Observations the models are fitted to (the newest, at most the window).</summary>
    public int WindowCount => Math.Min(_observations.Count, _maxObservations);

    /// <summary>Records a measured genome and its objectives (all minimized).</summary>
    public void Add(double[] genes, double[] minimizedObjectives) =>
        _observations.Add((Scale(genes), (double[])minimizedObjectives.Clone()));

    /// <summary>
    /// Orders <paramref name="candidates"/> (genomes) by predicted improvement over <paramref name="front"/>
    /// (minimized objective vectors, measured at <paramref name="frontGenes"/>) under the acquisition, best first, and returns the first <paramref name="count"/>
    /// indices; null when the models cannot be fitted (too little or degenerate data) or nothing can be compared, so
    /// the caller keeps the bred order.
    /// </summary>
    public int[]? Choose(IReadOnlyList<double[]> candidates, int count, IReadOnlyList<double[]> front, IReadOnlyList<double[]>? frontGenes = null)
    {
        if (candidates.Count <= count)
        {
            return Enumerable.Range(0, candidates.Count).ToArray();
        }

        if (front.Count == 0 || !Refit(front))
        {
            return null;
        }

        var m = _models.Length;
        var members = _acquisition == PreSelectionAcquisition.HypervolumeImprovement && frontGenes is not null
            ? frontGenes.Select(g =>
            {
                var input = Scale(g);
                return Enumerable.Range(0, m).Select(j => _models[j].Predict(input).Mean).ToArray();
            }).ToArray()
            : front.Select(f => Enumerable.Range(0, m).Select(j => Transform(j, f[j])).ToArray()).ToArray();
        var reference = new double[m];
        var window = _observations.Skip(_observations.Count - Math.Min(_observations.Count, _maxObservations)).ToList();
        for (var j = 0; j < m; j++)
        {
            reference[j] = window.Max(o => Transform(j, o.Objectives[j])) + ReferenceMargin;
        }

        var scoring = new AcquisitionScores(_acquisition, members, reference);
        var scores = new double[candidates.Count];
        var input = new double[_codec.Length];
        var bound = new double[m];
        for (var c = 0; c < candidates.Count; c++)
        {
            Scale(candidates[c], input);
            for (var j = 0; j < m; j++)
            {
                var (mean, deviation) = _models[j].Predict(input);
                bound[j] = mean - (_kappa * deviation);
            }

            scores[c] = scoring.Score(bound);
        }

        var order = Enumerable.Range(0, candidates.Count).ToArray();
        Array.Sort(scores, order);
        return order[..count];
    }

    private bool Refit(IReadOnlyList<double[]> front)
    {
        var n = Math.Min(_observations.Count, _maxObservations);
        if (n < 3)
        {
            return false;
        }

        if (_fittedAt == _observations.Count && (_models.Length == 0 || ScalesHold(front)))
        {
            return true;
        }

        var data = _observations.Skip(_observations.Count - n).ToArray();
        var m = data[0].Objectives.Length;
        if (_models.Length != m)
        {
            _models = Enumerable.Range(0, m).Select(_ => new GaussianProcess(_categorical, _lengthScalePrior)).ToArray();
            _offset = new double[m];
            _scale = new double[m];
            _logScale = new bool[m];
        }

        var search = _searchedAt == 0 || _observations.Count >= _searchedAt * 5 / 4;
        var inputs = data.Select(d => d.Input).ToArray();
        for (var j = 0; j < m; j++)
        {
            // Log scale only when every value that will be transformed, the front's included, is positive.
            _logScale[j] = data.All(d => d.Objectives[j] > 0) && front.All(f => f[j] > 0);
            _offset[j] = 0;
            _scale[j] = 1;
            var raw = data.Select(d => Transform(j, d.Objectives[j])).ToArray();
            var mean = raw.Average();
            var deviation = Math.Sqrt(raw.Sum(v => (v - mean) * (v - mean)) / n);
            _offset[j] = mean;
            _scale[j] = deviation > 1e-12 ? deviation : 1;
            var y = raw.Select(v => (v - mean) / _scale[j]).ToArray();
            if (y.Any(v => !double.IsFinite(v)))
            {
                return false;
            }

            if (!_models[j].Fit(inputs, y, search))
            {
                return false;
            }
        }

        if (search)
        {
            _searchedAt = _observations.Count;
        }

        _fittedAt = _observations.Count;
        return true;
    }

    /// <summary>False when a front member has a value the current log scale cannot take (then the models are refitted).</summary>
    private bool ScalesHold(IReadOnlyList<double[]> front)
    {
        for (var j = 0; j < _logScale.Length; j++)
        {
            if (_logScale[j] && front.Any(f => !(f[j] > 0)))
            {
                return false;
            }
        }

        return true;
    }

    private double Transform(int objective, double value)
    {
        var v = _logScale[objective] ? Math.Log(value) : value;
        return (v - _offset[objective]) / _scale[objective];
    }

    private double[] Scale(double[] genes) => Scale(genes, new double[genes.Length]);

    private double[] Scale(double[] genes, double[] input)
    {
        for (var i = 0; i < genes.Length; i++)
        {
            var span = _codec.Upper[i] - _codec.Lower[i];
            input[i] = _categorical[i] ? genes[i] : span > 0 ? (genes[i] - _codec.Lower[i]) / span : 0;
        }

        return input;
    }
}
