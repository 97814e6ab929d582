using DynaSplit.Objectives;
using DynaSplit.Optimization.Diagnostics;
using DynaSplit.Optimization.Selection;
using DynaSplit.Optimization.Strategies;
using DynaSplit.Optimization.Surrogates;
using DynaSplit.Spaces;
using Microsoft.Extensions.Logging;

namespace DynaSplit.Optimization.Evolutionary;

/// <summary>
/// The generational ask/tell loop shared by NSGA-II and NSGA-III, composed of small strategies: the initial design
/// (<see cref="LatinHypercubeDesign"/>, with prior configurations), child generation (<see cref="OffspringBreeder"/>:
/// crossover and mutation, <see cref="LocalStep"/>s from the <see cref="ParetoArchive"/>, <see cref="ChildRepair"/>,
/// <see cref="RandomUnseen"/>), surrogate pre-selection (<see cref="PreSelectionRound"/>) and elite selection
/// (<see cref="IEliteSelection"/>: NSGA-II or NSGA-III). A generation is <see cref="PopulationSize"/> told
/// offspring; when it is complete the elite selection keeps that many of parents and offspring. Every proposal is
/// valid and new to the session. Everything the strategies learn comes from the told results, so telling stored
/// trials before asking (a warm start) rebuilds the state. Deterministic for a given seed, order of told results,
/// sizes of the asks and their interleaving with the tells (one <see cref="Random"/> per session).
/// </summary>
internal sealed class GeneticSession : IWarmStartSession
{
    private const int PreSelectionMaxObservations = 200;
    private readonly SearchContext _context;
    private readonly ObjectiveDirection[] _directions;
    private readonly int _constraintCount;
    private readonly ProposalQueue _queue;
    private readonly List<Individual> _offspring = [];
    private readonly ParetoArchive? _archive;
    private readonly SurrogatePreSelection? _surrogate;
    private readonly LatinHypercubeDesign _design;
    private readonly OffspringBreeder _breeder;
    private readonly PreSelectionRound? _preSelection;
    private List<Individual> _parents = [];

    public GeneticSession(OptimizationProblem problem, GeneticOptions options, Func<SearchContext, IEliteSelection> selection, ILogger logger, string algorithmName)
    {
        _context = new SearchContext(problem, options, logger, algorithmName);
        _directions = problem.Directions;
        _constraintCount = problem.ConstraintNames.Count;
        Selection = selection(_context);
        _queue = new ProposalQueue(_context.Ledger, _context.Codec);
        var sizes = BudgetSizing.For(problem, options);
        PopulationSize = sizes.Population;
        var priors = options.PriorConfigurations?.Invoke(problem.Space).ToList() ?? [];
        var randomUnseen = new RandomUnseen(_context);
        var repair = new ChildRepair(_context, randomUnseen);
        _design = new LatinHypercubeDesign(_context, sizes.InitialDesign, PopulationSize, priors, repair);
        LocalStep? localStep = null;
        if (_context.IsEnumerable)
        {
            if (options.LocalSearchShare > 0)
            {
                _archive = new ParetoArchive();
                localStep = new LocalStep(_context, _archive);
            }

            if (options.PreSelectionCandidates > 0 && _constraintCount == 0)
            {
                _surrogate = new SurrogatePreSelection(_context.Codec, options.PreSelectionExploration, PreSelectionMaxObservations, options.PreSelectionAcquisition, options.PreSelectionLengthScalePrior);

                // The surrogate rates candidates against every result told so far, so it needs the archive even
                // without local steps.
                _archive ??= new ParetoArchive();
            }
        }

        _breeder = new OffspringBreeder(_context, Selection, _design, localStep, options.LocalSearchShare, repair, randomUnseen);
        if (_surrogate is not null)
        {
            _preSelection = new PreSelectionRound(
                _context, _surrogate, _archive!, _breeder, options.PreSelectionCandidates, options.PreSelectionRandomCandidates, options.PreSelectionRateAllUnseen, options.PreSelectionNeighbourhoodShare);
        }
    }

    /// <summary>Told offspring per generation (the population size, adapted to the budget when asked).</summary>
    public int PopulationSize { get; }

    /// <summary>Completed environmental selections.</summary>
    public int Generation { get; private set; }

    /// <summary>The elite selection (NSGA-II or NSGA-III).</summary>
    internal IEliteSelection Selection { get; }

    /// <summary>The current parent population.</summary>
    internal IReadOnlyList<Individual> Parents => _parents;

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
            _context.Ledger.Hand(configuration, genes);
            batch.Add(configuration);
        }

        return batch;
    }

    /// <inheritdoc />
    public void Tell(Configuration configuration, ReadOnlySpan<double> objectives, ReadOnlySpan<double> constraints = default)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var problem = _context.Problem;
        if (objectives.Length != _directions.Length)
        {
            throw new ArgumentException($"'{configuration.Key}' was told {objectives.Length} objective values; the problem has {_directions.Length} ({string.Join(", ", problem.Objectives.Select(o => o.Name))}).", nameof(objectives));
        }

        if (constraints.Length != 0 && constraints.Length != _constraintCount)
        {
            throw new ArgumentException($"'{configuration.Key}' was told {constraints.Length} constraint values; the problem has {_constraintCount}.", nameof(constraints));
        }

        for (var i = 0; i < objectives.Length; i++)
        {
            if (!double.IsFinite(objectives[i]))
            {
                throw new ArgumentException($"'{configuration.Key}' was told {objectives[i]} for objective '{problem.Objectives[i].Name}'; objective values must be finite (tell a failure instead).", nameof(objectives));
            }
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

        var minimized = Pareto.ToMinimization(objectives, _directions);
        if (!_context.Ledger.Accept(configuration, out var genes))
        {
            return;
        }

        var individual = new Individual(genes, configuration, minimized, violation);
        _offspring.Add(individual);
        _archive?.Add(individual);
        _surrogate?.Add(genes, minimized);
    }

    /// <inheritdoc />
    public void TellFailure(Configuration configuration, string error)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        _context.Ledger.Accept(configuration, out _);
    }

    private bool Refill(int requested)
    {
        if (_offspring.Count >= PopulationSize)
        {
            SelectElites();
        }

        var wanted = Math.Max(1, PopulationSize - _offspring.Count - _context.Ledger.Outstanding);
        var guided = _preSelection is not null && (_parents.Count > 0 || _design.IsDone);
        if (guided || (_archive is not null && _parents.Count > 0))
        {
            // Breed only what is asked for now, so that local steps and the surrogate start from the newest results.
            wanted = Math.Min(wanted, requested);
        }
        else if (_preSelection is not null && _parents.Count == 0)
        {
            // The initial design first; the surrogate guides from its end, so nothing random is queued beyond it.
            wanted = Math.Min(wanted, _design.Remaining);
        }

        if (!guided || !_preSelection!.TryEmit(_parents, wanted, _queue))
        {
            _breeder.Breed(_parents, wanted, _queue);
        }

        return _queue.Count > 0;
    }

    private void SelectElites()
    {
        var combined = new List<Individual>(_parents.Count + _offspring.Count);
        combined.AddRange(_parents);
        combined.AddRange(_offspring);
        _offspring.Clear();
        _parents = Selection.Select(combined, PopulationSize);
        _archive?.Reset(_parents.Where(p => p.Rank == 0));
        Generation++;
        var logger = _context.Logger;
        if (logger.IsEnabled(LogLevel.Debug))
        {
            OptimizationLog.GenerationSelected(logger, _context.AlgorithmName, Generation, _parents.Count, _parents.Count(p => p.Rank == 0), _context.Ledger.Told);
        }
    }
}
