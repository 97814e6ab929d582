using DynaSplit.Optimization.Evolutionary;
using DynaSplit.Optimization.Selection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace DynaSplit.Optimization;

/// <summary>
/// NSGA-II (Deb et al. 2002) over a configuration space: integer, ordinal, categorical and real parameters,
/// validity rules respected, per-objective directions, constraint-domination, and no configuration proposed twice
/// in a session. Deterministic for a given seed and order of told results.
/// </summary>
public sealed class Nsga2Optimizer : IMultiObjectiveOptimizer
{
    private readonly ILogger _logger;

    /// <summary>Creates the optimizer.</summary>
    /// <param name="options">Settings; the defaults when null.</param>
    /// <param name="logger">Per-generation progress at debug level.</param>
    /// <exception cref="ArgumentException">A setting is invalid; the message lists every problem.</exception>
    public Nsga2Optimizer(Nsga2Options? options = null, ILogger<Nsga2Optimizer>? logger = null)
    {
        Options = options ?? new Nsga2Options();
        Options.ThrowIfInvalid("NSGA-II");
        _logger = (ILogger?)logger ?? NullLogger.Instance;
    }

    /// <summary>The settings.</summary>
    public Nsga2Options Options { get; }

    /// <inheritdoc />
    public string Name => "nsga2";

    /// <inheritdoc />
    public IOptimizationSession CreateSession(OptimizationProblem problem)
    {
        ArgumentNullException.ThrowIfNull(problem);
        Options.ThrowIfInvalid("NSGA-II");
        return new GeneticSession(problem, Options, context => new Nsga2Selection(context.Random), _logger, "NSGA-II");
    }
}
