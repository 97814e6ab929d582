using DynaSplit.Optimization.Evolutionary;
using DynaSplit.Optimization.Selection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace DynaSplit.Optimization;

/// <summary>
/// NSGA-III (Deb and Jain 2014) over a configuration space: Das-Dennis reference points, normalization by the
/// ideal and extreme points, niche-preserving selection; integer, ordinal, categorical and real parameters,
/// validity rules respected, per-objective directions, constraint-domination, and no configuration proposed twice
/// in a session. The sampler of the DynaSplit paper. Deterministic for a given seed and order of told results.
/// </summary>
public sealed class Nsga3Optimizer : IMultiObjectiveOptimizer
{
    private readonly ILogger _logger;

    /// <summary>Creates the optimizer.</summary>
    /// <param name="options">Settings; the defaults (population 50, crossover probability 0.9, 3 divisions) when null.</param>
    /// <param name="logger">Per-generation progress at debug level.</param>
    /// <exception cref="ArgumentException">A setting is invalid; the message lists every problem.</exception>
    public Nsga3Optimizer(Nsga3Options? options = null, ILogger<Nsga3Optimizer>? logger = null)
    {
        Options = options ?? new Nsga3Options();
        Options.ThrowIfInvalid("NSGA-III");
        _logger = (ILogger?)logger ?? NullLogger.Instance;
    }

    /// <summary>The settings.</summary>
    public Nsga3Options Options { get; }

    /// <inheritdoc />
    public string Name => "nsga3";

    /// <inheritdoc />
    public IOptimizationSession CreateSession(OptimizationProblem problem)
    {
        ArgumentNullException.ThrowIfNull(problem);
        Options.ThrowIfInvalid("NSGA-III");
        return new GeneticSession(problem, Options, context => new Nsga3Selection(problem, Options, context.Random), _logger, "NSGA-III");
    }
}
