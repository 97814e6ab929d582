using DynaSplit.Spaces;
using Microsoft.Extensions.Logging;

namespace DynaSplit.Optimization.Evolutionary;

/// <summary>
/// What every strategy of a genetic session shares: the problem, the genome codec and operators, the session's only
/// source of randomness, and the ledger of what was proposed and told.
/// </summary>
internal sealed class SearchContext
{
    /// <summary>Creates the context; discrete spaces of at most <see cref="GeneticOptions.EnumerationLimit"/> combinations are enumerated.</summary>
    public SearchContext(OptimizationProblem problem, GeneticOptions options, ILogger logger, string algorithmName)
    {
        Problem = problem;
        Options = options;
        Logger = logger;
        AlgorithmName = algorithmName;
        Random = new Random(problem.Seed);
        Codec = new GenomeCodec(problem.Space);
        Variation = new Variation(Codec, options, Random);
        Buffer = new double[Codec.Length];
        var space = problem.Space;
        var pool = space.IsDiscrete && space.CombinationCount <= Math.Min(options.EnumerationLimit, Array.MaxLength) ? new UnseenPool(space) : null;
        Ledger = new ProposalLedger(space, Codec, pool);
    }

    /// <summary>The problem.</summary>
    public OptimizationProblem Problem { get; }

    /// <summary>The space searched.</summary>
    public ConfigurationSpace Space => Problem.Space;

    /// <summary>The settings.</summary>
    public GeneticOptions Options { get; }

    /// <summary>Where progress and warnings go.</summary>
    public ILogger Logger { get; }

    /// <summary>The algorithm's name for logs.</summary>
    public string AlgorithmName { get; }

    /// <summary>The session's only source of randomness.</summary>
    public Random Random { get; }

    /// <summary>The genome mapping.</summary>
    public GenomeCodec Codec { get; }

    /// <summary>Crossover and mutation.</summary>
    public Variation Variation { get; }

    /// <summary>What was proposed and told.</summary>
    public ProposalLedger Ledger { get; }

    /// <summary>True when the space is enumerated (an unseen pool exists).</summary>
    public bool IsEnumerable => Ledger.Pool is not null;

    /// <summary>A decode buffer any strategy may use between two calls.</summary>
    public double[] Buffer { get; }
}
