using DynaSplit.Objectives;
using DynaSplit.Optimization.Surrogates;
using DynaSplit.Spaces;
using Microsoft.Extensions.Logging;

namespace DynaSplit.Optimization.Evolutionary;

/// <summary>
/// The generational ask/tell loop shared by NSGA-II and NSGA-III. A generation is <c>PopulationSize</c> evaluated
/// offspring; when it is complete, environmental selection keeps <c>PopulationSize</c> of parents plus offspring,
/// and mating breeds the next one. Every proposal is valid in the space and new to the session: a child that
/// repeats a proposed configuration is mutated further, then replaced by a random unseen one. On enumerable
/// discrete spaces, <see cref="GeneticOptions.LocalSearchShare"/> of the offspring after the first generation are
/// single-parameter mutations of a non-dominated configuration (see <see cref="ParetoArchive"/>), made when they are
/// asked for (see <see cref="EnqueueLocalStep"/>). With <see cref="GeneticOptions.PreSelectionCandidates"/> set and
/// no constraints, a proposal after the first generation is the best-rated of several bred and random candidates
/// whenever the surrogate can rate them (see <see cref="BreedPreSelected"/> and <see cref="SurrogatePreSelection"/>).
/// Deterministic for a given seed, order of told results, sizes of the asks and their interleaving with the tells
/// (one <see cref="Random"/> per session).
/// </summary>
internal abstract class GeneticSession : IOptimizationSession
{
    private const int ClosestMatchLimit = 200_000;
    private const int PreSelectionMaxObservations = 400;
    private readonly GeneticOptions _options;
    private readonly ILogger _logger;
    private readonly ObjectiveDirection[] _directions;
    private readonly int _constraintCount;
    private readonly HashSet<Configuration> _seen = [];
    private readonly HashSet<Configuration> _evaluated = [];
    private readonly Dictionary<Configuration, double[]> _outstanding = [];
    private readonly Queue<(Configuration Configuration, double[] Genes)> _queue = new();
    private readonly List<Individual> _offspring = [];
    private readonly UnseenPool? _pool;
    private readonly ParetoArchive? _archive;
    private readonly double _localSearchShare;
    private readonly SurrogatePreSelection? _preSelection;
    private readonly int _candidatesPerOffspring;
    private List<(Configuration Configuration, double[] Genes)>? _candidates;
    private readonly HashSet<Configuration> _tentative = [];
    private int[] _memberOrder = new int[16];
    private readonly double[] _scratch;
    private readonly double[] _buffer;
    private List<Individual> _parents = [];
    private Queue<double[]>? _initialDesign;

    protected GeneticSession(OptimizationProblem problem, GeneticOptions options, ILogger logger)
    {
        Problem = problem;
        _options = options;
        _logger = logger;
        _directions = problem.Directions;
        _constraintCount = problem.ConstraintNames.Count;
        Random = new Random(problem.Seed);
        Codec = new GenomeCodec(problem.Space);
        Variation = new Variation(Codec, options, Random);
        PopulationSize = options.PopulationSize;
        _buffer = new double[Codec.Length];
        _scratch = new double[Codec.Length];
        var space = problem.Space;
        if (space.IsDiscrete && space.CombinationCount <= options.EnumerationLimit)
        {
            _pool = new UnseenPool(space);
            if (options.LocalSearchShare > 0)
            {
                _archive = new ParetoArchive();
                _localSearchShare = options.LocalSearchShare;
            }

            if (options.PreSelectionCandidates > 0 && _constraintCount == 0)
            {
                _preSelection = new SurrogatePreSelection(Codec, options.PreSelectionExploration, PreSelectionMaxObservations);
                _candidatesPerOffspring = options.PreSelectionCandidates;

                // The surrogate rates candidates against every result told so far, so it needs the archive even
                // without local steps (which a share of 0 never takes).
                _archive ??= new ParetoArchive();
            }
        }
    }

    /// <summary>The problem.</summary>
    protected OptimizationProblem Problem { get; }

    /// <summary>The session's only source of randomness.</summary>
    protected Random Random { get; }

    /// <summary>The genome mapping.</summary>
    protected GenomeCodec Codec { get; }

    /// <summary>Crossover and mutation.</summary>
    protected Variation Variation { get; }

    /// <summary>Evaluated individuals per generation.</summary>
    protected int PopulationSize { get; }

    /// <summary>Completed environmental selections.</summary>
    public int Generation { get; private set; }

    /// <summary>The current parent population.</summary>
    internal IReadOnlyList<Individual> Parents => _parents;

    /// <summary>The algorithm's name for logs.</summary>
    protected abstract string AlgorithmName { get; }

    /// <inheritdoc />
    public IReadOnlyList<Configuration> Ask(int maxCount)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxCount, 1);
        var batch = new List<Configuration>(Math.Min(maxCount, PopulationSize));
        while (batch.Count < maxCount)
        {
            if (_queue.Count == 0 && !Refill(maxCount - batch.Count))
            {
                break;
            }

            var (configuration, genes) = _queue.Dequeue();
            _outstanding[configuration] = genes;
            batch.Add(configuration);
        }

        return batch;
    }

    /// <inheritdoc />
    public void Tell(Configuration configuration, ReadOnlySpan<double> objectives, ReadOnlySpan<double> constraints = default)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        if (objectives.Length != _directions.Length)
        {
            throw new ArgumentException($"'{configuration.Key}' was told {objectives.Length} objective values; the problem has {_directions.Length} ({string.Join(", ", Problem.Objectives.Select(o => o.Name))}).", nameof(objectives));
        }

        if (constraints.Length != 0 && constraints.Length != _constraintCount)
        {
            throw new ArgumentException($"'{configuration.Key}' was told {constraints.Length} constraint values; the problem has {_constraintCount}.", nameof(constraints));
        }

        var minimized = new double[objectives.Length];
        for (var i = 0; i < objectives.Length; i++)
        {
            if (!double.IsFinite(objectives[i]))
            {
                throw new ArgumentException($"'{configuration.Key}' was told {objectives[i]} for objective '{Problem.Objectives[i].Name}'; objective values must be finite (tell a failure instead).", nameof(objectives));
            }

            minimized[i] = _directions[i] == ObjectiveDirection.Maximize ? -objectives[i] : objectives[i];
        }

        var violation = 0.0;
        foreach (var c in constraints)
        {
            if (double.IsNaN(c))
            {
                throw new ArgumentException($"'{configuration.Key}' was told a NaN constraint value.", nameof(constraints));
            }

            violation += Math.Max(0, c);
        }

        if (!Accept(configuration, out var genes))
        {
            return;
        }

        var individual = new Individual(genes, configuration, minimized, violation);
        _offspring.Add(individual);
        _archive?.Add(individual);
        _preSelection?.Add(genes, minimized);
    }

    /// <inheritdoc />
    public void TellFailure(Configuration configuration, string error)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        Accept(configuration, out _);
    }

    /// <summary>
    /// Keeps the survivors of <paramref name="combined"/> (parents and offspring), exactly
    /// <paramref name="count"/> of them when there are that many, and prepares mating (ranks, crowding).
    /// </summary>
    protected abstract List<Individual> Select(List<Individual> combined, int count);

    /// <summary>Picks a parent for mating from the current population.</summary>
    protected abstract Individual PickParent(IReadOnlyList<Individual> parents);

    /// <summary>Records a told configuration; false when it was told before (then it is ignored).</summary>
    private bool Accept(Configuration configuration, out double[] genes)
    {
        if (!_evaluated.Add(configuration))
        {
            genes = [];
            return false;
        }

        if (!_outstanding.Remove(configuration, out genes!))
        {
            // Told without being asked (a warm start): it must belong to the space.
            if (!Problem.Space.IsValid(configuration))
            {
                _evaluated.Remove(configuration);
                throw new ArgumentException($"'{configuration.Key}' is not a valid configuration of the problem's space.", nameof(configuration));
            }

            genes = Codec.Encode(configuration);
            MarkSeen(configuration);
        }

        return true;
    }

    private void MarkSeen(Configuration configuration)
    {
        if (_seen.Add(configuration))
        {
            _pool?.Remove(configuration);
        }
    }

    private bool Refill(int requested)
    {
        if (_offspring.Count >= PopulationSize)
        {
            var combined = new List<Individual>(_parents.Count + _offspring.Count);
            combined.AddRange(_parents);
            combined.AddRange(_offspring);
            _offspring.Clear();
            _parents = Select(combined, PopulationSize);
            _archive?.Reset(_parents.Where(p => p.Rank == 0));
            Generation++;
            if (_logger.IsEnabled(LogLevel.Debug))
            {
                _logger.LogDebug(
                    "{Algorithm} generation {Generation}: {Parents} parents, {FirstFront} in the first front, {Seen} configurations proposed",
                    AlgorithmName, Generation, _parents.Count, _parents.Count(p => p.Rank == 0), _seen.Count);
            }
        }

        var wanted = Math.Max(1, PopulationSize - _offspring.Count - _outstanding.Count);
        if ((_archive is not null || _preSelection is not null) && _parents.Count > 0)
        {
            // Breed only what is asked for now, so that local steps and the surrogate start from the newest results.
            wanted = Math.Min(wanted, requested);
        }

        Breed(wanted);
        return _queue.Count > 0;
    }

    private void Breed(int count)
    {
        if (_preSelection is not null && _parents.Count > 0 && BreedPreSelected(count))
        {
            return;
        }

        BreedDirect(count);
    }

    /// <summary>
    /// Breeds <see cref="GeneticOptions.PreSelectionCandidates"/> candidates per wanted offspring with the usual
    /// operators and draws <see cref="GeneticOptions.PreSelectionRandomCandidates"/> unseen ones, without proposing
    /// any, and queues the <paramref name="count"/> the surrogate rates best.
    /// False when the surrogate cannot rate them yet (the caller breeds directly).
    /// </summary>
    private bool BreedPreSelected(int count)
    {
        var candidates = CollectCandidates(count);
        if (candidates.Count == 0)
        {
            return false;
        }

        var front = _archive!.Members.Select(m => m.Objectives).ToList();
        var chosen = _preSelection!.Choose(candidates.Select(c => c.Genes).ToList(), count, front);
        if (chosen is null)
        {
            return false;
        }

        foreach (var index in chosen)
        {
            var (configuration, genes) = candidates[index];
            MarkSeen(configuration);
            _queue.Enqueue((configuration, genes));
        }

        return true;
    }

    /// <summary>Runs the breeding in collecting mode (nothing is queued or marked seen) and returns what it bred.</summary>
    private List<(Configuration Configuration, double[] Genes)> CollectCandidates(int count)
    {
        _candidates = [];
        try
        {
            BreedDirect(count * _candidatesPerOffspring);
            for (var k = count * _options.PreSelectionRandomCandidates; k > 0 && EnqueueRandom(); k--)
            {
                // Uniform draws of unseen configurations, so a region the population has not reached can be chosen.
            }

            return _candidates;
        }
        finally
        {
            _candidates = null;
            _tentative.Clear();
        }
    }

    /// <summary>A bred configuration: queued for proposal, or collected as a candidate during pre-selection.</summary>
    private void Emit(Configuration configuration, double[] genes)
    {
        if (_candidates is not null)
        {
            _tentative.Add(configuration);
            _candidates.Add((configuration, (double[])genes.Clone()));
            return;
        }

        MarkSeen(configuration);
        _queue.Enqueue((configuration, genes));
    }

    /// <summary>True when the configuration was proposed, or collected as a candidate in this round.</summary>
    private bool IsTaken(Configuration configuration) => _seen.Contains(configuration) || _tentative.Contains(configuration);

    /// <summary>True when <paramref name="values"/> is valid, unproposed and not yet a candidate of this round.</summary>
    private bool IsFree(ReadOnlySpan<double> values) =>
        _pool!.IsUnseen(values) && (_tentative.Count == 0 || !_tentative.Contains(Problem.Space.Create(values)));

    /// <summary>Bred offspring (or candidates) count: the target the queue or candidate list must reach.</summary>
    private int Produced => _candidates?.Count ?? _queue.Count;

    private void BreedDirect(int count)
    {
        var target = Produced + count;
        while (Produced < target)
        {
            if (_parents.Count == 0)
            {
                if (!EnqueueInitial())
                {
                    return;
                }

                continue;
            }

            if (_archive is not null && Random.NextDouble() < _localSearchShare && EnqueueLocalStep())
            {
                continue;
            }

            var first = PickParent(_parents);
            var second = PickParent(_parents);
            var (a, b) = Variation.Crossover(first.Genes, second.Genes);
            Variation.Mutate(a);
            Variation.Mutate(b);
            if (!EnqueueNovel(a))
            {
                return;
            }

            if (Produced < target && !EnqueueNovel(b))
            {
                return;
            }
        }
    }

    /// <summary>Enqueues the child, or a nearby unseen variant, or a random unseen configuration; false when none is left.</summary>
    private bool EnqueueNovel(double[] genes)
    {
        for (var attempt = 0; attempt <= _options.MaxRepairAttempts; attempt++)
        {
            if (attempt > 0)
            {
                Variation.Perturb(genes, 1 + (attempt / 8));
            }

            Codec.Normalize(genes);
            Codec.Decode(genes, _buffer);
            if (!Problem.Space.IsValid(_buffer))
            {
                continue;
            }

            var configuration = Problem.Space.Create(_buffer);
            if (IsTaken(configuration))
            {
                continue;
            }

            Emit(configuration, genes);
            return true;
        }

        return EnqueueRandom();
    }

    /// <summary>
    /// Local exploitation: a copy of a configuration of the archive (the parents' first front and the results
    /// told since; members tried in random order), with one randomly chosen parameter mutated (polynomial step on the level index of an
    /// integer or ordinal parameter, another choice of a categorical one), that is valid and unseen; when a few
    /// random steps miss, the nearest unseen level of one parameter. False when no member has such a configuration;
    /// the caller then breeds by crossover as usual.
    /// </summary>
    private bool EnqueueLocalStep()
    {
        var members = _archive!.Members;
        var count = members.Count;
        if (count == 0)
        {
            return false;
        }

        if (_memberOrder.Length < count)
        {
            _memberOrder = new int[Math.Max(count, 2 * _memberOrder.Length)];
        }

        var order = _memberOrder.AsSpan(0, count);
        for (var k = 0; k < count; k++)
        {
            order[k] = k;
        }

        Random.Shuffle(order);
        var attempts = 4 * Codec.Length;
        var genes = _scratch;
        for (var k = 0; k < count; k++)
        {
            var member = members[order[k]];
            if (member.NeighboursExhausted)
            {
                continue;
            }

            for (var attempt = 0; attempt < attempts; attempt++)
            {
                member.Genes.CopyTo(genes, 0);
                Variation.MutateGene(genes, Random.Next(Codec.Length));
                Codec.Normalize(genes);
                Codec.Decode(genes, _buffer);
                if (!IsFree(_buffer))
                {
                    continue;
                }

                Emit(Problem.Space.Create(_buffer), (double[])genes.Clone());
                return true;
            }

            // The random steps missed: take the nearest unseen level of one parameter (parameters in a random
            // rotation). Seen configurations only accumulate, so a member without any is never tried again.
            if (NearestUnseenNeighbour(member.Genes) is { } neighbour)
            {
                Codec.Decode(neighbour, _buffer);
                Emit(Problem.Space.Create(_buffer), neighbour);
                return true;
            }

            // While collecting candidates, this round's candidates may be what fills the neighbourhood.
            member.NeighboursExhausted = _candidates is null;
        }

        return false;
    }

    /// <summary>
    /// A valid unseen configuration that differs from <paramref name="genes"/> in one discrete parameter, at the
    /// nearest level of an integer or ordinal one (any choice of a categorical one), or null when there is none.
    /// </summary>
    private double[]? NearestUnseenNeighbour(double[] genes)
    {
        var probe = (double[])genes.Clone();
        var first = Random.Next(Codec.Length);
        for (var k = 0; k < Codec.Length; k++)
        {
            var i = (first + k) % Codec.Length;
            if (Codec.Kinds[i] == ParameterKind.Real)
            {
                continue;
            }

            var own = (int)genes[i];
            var top = (int)Codec.Upper[i];
            for (var distance = 1; distance <= top; distance++)
            {
                foreach (var level in (ReadOnlySpan<int>)[own - distance, own + distance])
                {
                    if (level < 0 || level > top)
                    {
                        continue;
                    }

                    probe[i] = level;
                    Codec.Decode(probe, _buffer);
                    if (IsFree(_buffer))
                    {
                        return probe;
                    }
                }
            }

            probe[i] = own;
        }

        return null;
    }

    /// <summary>
    /// The first generation is a Latin hypercube over the parameters' levels: in <c>PopulationSize</c>
    /// configurations every level of every parameter appears as evenly as the count allows (so the ends of each
    /// range, such as all-cloud and all-edge splits, are always tried), each matched to the valid unseen
    /// configuration that agrees with it in the most parameters. Later draws without parents are uniform.
    /// </summary>
    private bool EnqueueInitial()
    {
        if (_initialDesign is null)
        {
            _initialDesign = new Queue<double[]>(LatinHypercube(PopulationSize));
        }

        if (!_initialDesign.TryDequeue(out var genes))
        {
            return EnqueueRandom();
        }

        if (_pool is not null && _pool.Count <= ClosestMatchLimit)
        {
            var levels = new int[genes.Length];
            for (var j = 0; j < levels.Length; j++)
            {
                levels[j] = Codec.Kinds[j] == ParameterKind.Real ? -1 : (int)genes[j];
            }

            var configuration = _pool.TakeClosest(levels, Random);
            if (configuration is null)
            {
                return false;
            }

            _seen.Add(configuration);
            _queue.Enqueue((configuration, Codec.Encode(configuration)));
            return true;
        }

        return EnqueueNovel(genes);
    }

    private double[][] LatinHypercube(int count)
    {
        var design = new double[count][];
        for (var i = 0; i < count; i++)
        {
            design[i] = new double[Codec.Length];
        }

        for (var j = 0; j < Codec.Length; j++)
        {
            if (Codec.Kinds[j] == ParameterKind.Real)
            {
                var strata = Enumerable.Range(0, count).ToArray();
                Random.Shuffle(strata);
                for (var i = 0; i < count; i++)
                {
                    design[i][j] = Codec.Lower[j] + ((strata[i] + Random.NextDouble()) / count * (Codec.Upper[j] - Codec.Lower[j]));
                }

                continue;
            }

            // Whole random permutations of the levels, one after the other, cut to the count.
            var levels = (int)Codec.Upper[j] + 1;
            var block = Enumerable.Range(0, levels).ToArray();
            for (var i = 0; i < count; i++)
            {
                if (i % levels == 0)
                {
                    Random.Shuffle(block);
                }

                design[i][j] = block[i % levels];
            }
        }

        return design;
    }

    private bool EnqueueRandom()
    {
        if (_pool is not null && _candidates is not null)
        {
            // Collecting candidates: draw without taking; a few misses on this round's candidates end the round.
            for (var attempt = 0; attempt < 16; attempt++)
            {
                var drawn = _pool.PeekRandom(Random);
                if (drawn is null)
                {
                    return false;
                }

                if (!_tentative.Contains(drawn))
                {
                    Emit(drawn, Codec.Encode(drawn));
                    return true;
                }
            }

            return false;
        }

        if (_pool is not null)
        {
            var configuration = _pool.TakeRandom(Random);
            if (configuration is null)
            {
                return false;
            }

            _seen.Add(configuration);
            _queue.Enqueue((configuration, Codec.Encode(configuration)));
            return true;
        }

        // Not enumerable: rejection sampling.
        for (var attempt = 0; attempt < 10_000; attempt++)
        {
            var genes = Variation.RandomGenome();
            Codec.Normalize(genes);
            Codec.Decode(genes, _buffer);
            if (!Problem.Space.IsValid(_buffer))
            {
                continue;
            }

            var configuration = Problem.Space.Create(_buffer);
            if (!IsTaken(configuration))
            {
                Emit(configuration, genes);
                return true;
            }
        }

        _logger.LogWarning("{Algorithm}: no new valid configuration found in 10,000 random draws; the session stops proposing", AlgorithmName);
        return false;
    }
}
