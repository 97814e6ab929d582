using DynaSplit.Spaces;

namespace DynaSplit.Optimization;

/// <summary>Settings shared by the genetic optimizers (NSGA-II, NSGA-III). Checked when an optimizer is created.</summary>
public abstract class GeneticOptions
{
    /// <summary>Configurations per generation. The paper's setup (Optuna's default) uses 50.</summary>
    public int PopulationSize { get; set; } = 50;

    /// <summary>The probability that two parents are crossed (otherwise the children are copies), in [0, 1]. Default 0.9.</summary>
    public double CrossoverProbability { get; set; } = 0.9;

    /// <summary>Within a crossover, the probability that each gene takes part, in (0, 1]. Default 0.5.</summary>
    public double CrossoverVariableProbability { get; set; } = 0.5;

    /// <summary>The distribution index of simulated binary crossover (larger keeps children nearer their parents).</summary>
    public double CrossoverEta { get; set; } = 15;

    /// <summary>The probability that each gene mutates, in [0, 1]; null means 1 / number of parameters.</summary>
    public double? MutationProbability { get; set; }

    /// <summary>The distribution index of polynomial mutation. Default 20.</summary>
    public double MutationEta { get; set; } = 20;

    /// <summary>
    /// How often a child that repeats an evaluated configuration (or breaks a validity rule) is mutated further
    /// before the optimizer falls back to a random unseen valid configuration. Default 32.
    /// </summary>
    public int MaxRepairAttempts { get; set; } = 32;

    /// <summary>
    /// On discrete spaces small enough to enumerate (see <see cref="EnumerationLimit"/>), the probability that an
    /// offspring after the first generation is a local step instead of a child of crossover: a configuration that
    /// is non-dominated among the parents' first front and the results told since (every result told so far, while
    /// the first front fits in the population), with one parameter mutated, chosen when it is asked for (so that it
    /// builds on the newest results). In [0, 1]; 0 gives the plain algorithm. Default 0.75: on the VGG16 replay
    /// pool with a 20% budget (three generations of 50) it took NSGA-III's median hypervolume ratio over seeds
    /// 0..200 from 0.9916 to 0.9960 and its runs below 0.98 from 7 to 1. Ignored on real-valued or larger spaces.
    /// </summary>
    public double LocalSearchShare { get; set; } = 0.75;

    /// <summary>
    /// Surrogate-assisted pre-selection on enumerable discrete spaces: after the first generation, for each offspring
    /// proposed, this many candidates are bred by the usual crossover, mutation and local steps and
    /// <see cref="PreSelectionRandomCandidates"/> unseen ones are drawn at random; a Gaussian process per objective
    /// predicts them all, and the one whose optimistic prediction improves the measured non-dominated set the most
    /// is proposed. It spends milliseconds of computation per proposal to save trials, which on hardware take
    /// seconds to minutes each. Default 0: off, plain NSGA as in the paper and in Optuna; the CLI and the samples
    /// use 16. On the VGG16 pool with a 20% budget it took the online energy saving of NSGA-III's table from 1.3
    /// percentage points below the oracle's to 0.1 (mean of 21 seeds; docs/optimization.md). Ignored on
    /// real-valued or larger spaces and on problems with constraints.
    /// </summary>
    public int PreSelectionCandidates { get; set; }

    /// <summary>
    /// Unseen configurations drawn at random per offspring as further pre-selection candidates (exploration beyond
    /// the population's reach). Used only when <see cref="PreSelectionCandidates"/> is above 0. Default 64.
    /// </summary>
    public int PreSelectionRandomCandidates { get; set; } = 64;

    /// <summary>
    /// How optimistic the pre-selection is: a candidate is rated by its predicted mean minus this many predicted
    /// standard deviations per objective (a lower confidence bound), so larger values explore more. Default 2.
    /// </summary>
    public double PreSelectionExploration { get; set; } = 2;

    /// <summary>
    /// On enumerable spaces with pre-selection, when at most this many unseen configurations are left the surrogate
    /// rates every one of them instead of <see cref="PreSelectionRandomCandidates"/> random draws per proposal (so the
    /// search of a small space is exact Bayesian optimization over it). Default 0 (never); the budget-aware presets
    /// use 2,000: rating costs about one Gaussian-process prediction per candidate.
    /// </summary>
    public int PreSelectionRateAllUnseen { get; set; }

    /// <summary>
    /// How pre-selection rates candidates: <see cref="PreSelectionAcquisition.EpsilonImprovement"/> (default) or
    /// <see cref="PreSelectionAcquisition.HypervolumeImprovement"/> (the budget-aware presets).
    /// </summary>
    public PreSelectionAcquisition PreSelectionAcquisition { get; set; }

    /// <summary>
    /// With pre-selection, the probability that a proposal's candidates are the whole one-step neighbourhood of the
    /// measured non-dominated set (every valid unseen configuration that differs from a member in one parameter)
    /// instead of bred and unseen ones: local exploitation where the front's small differences are. In [0, 1].
    /// Default 0; the budget-aware presets use 0.3.
    /// </summary>
    public double PreSelectionNeighbourhoodShare { get; set; }

    /// <summary>
    /// With pre-selection, choose the Gaussian processes' length scales under a log-normal prior (median 0.5 of the
    /// range) instead of by likelihood alone, so a handful of results does not pick length scales so short that every
    /// candidate looks alike. Default false; the budget-aware presets turn it on.
    /// </summary>
    public bool PreSelectionLengthScalePrior { get; set; }

    /// <summary>
    /// Sizes the search to the problem's budget (<see cref="OptimizationProblem.Budget"/>): a population of a third of
    /// the budget (at least 8, at most <see cref="PopulationSize"/>) and, unless <see cref="InitialDesignSize"/> is
    /// set, an initial design of a fifth of it (at least 3); with pre-selection the surrogate guides every proposal
    /// after the initial design, not only after the first generation. Default false: the published algorithm.
    /// </summary>
    public bool AdaptToBudget { get; set; }

    /// <summary>
    /// The size of the initial design (prior configurations and Latin hypercube), counting the trials told before the
    /// first ask, so a warm start shortens it. Null (default): one population, the published first generation.
    /// </summary>
    public int? InitialDesignSize { get; set; }

    /// <summary>
    /// Configurations proposed first, before the Latin hypercube (those valid and not yet told), for example
    /// <see cref="PriorDesigns.SplitCorners"/>: the all-cloud and all-edge corners a lookup table always needs. Called
    /// once per session with the problem's space. Default null: none.
    /// </summary>
    public Func<ConfigurationSpace, IEnumerable<Configuration>>? PriorConfigurations { get; set; }

    /// <summary>
    /// Discrete spaces with at most this many combinations are enumerated once, so that a random unseen valid
    /// configuration can always be drawn and an exhausted space is recognized. Default 2,000,000.
    /// </summary>
    public long EnumerationLimit { get; set; } = 2_000_000;

    /// <summary>The problems with these settings, one sentence each; empty when they are valid.</summary>
    public virtual IReadOnlyList<string> Validate()
    {
        var failures = new List<string>();
        if (PopulationSize < 2)
        {
            failures.Add($"PopulationSize is {PopulationSize}; it must be at least 2 (the paper uses 50).");
        }

        if (!(CrossoverProbability >= 0 && CrossoverProbability <= 1))
        {
            failures.Add($"CrossoverProbability is {CrossoverProbability}; it must be in [0, 1] (default 0.9).");
        }

        if (!(CrossoverVariableProbability > 0 && CrossoverVariableProbability <= 1))
        {
            failures.Add($"CrossoverVariableProbability is {CrossoverVariableProbability}; it must be in (0, 1] (default 0.5).");
        }

        if (!(CrossoverEta >= 0) || double.IsInfinity(CrossoverEta))
        {
            failures.Add($"CrossoverEta is {CrossoverEta}; it must be a finite number >= 0.");
        }

        if (MutationProbability is { } p && !(p >= 0 && p <= 1))
        {
            failures.Add($"MutationProbability is {p}; it must be in [0, 1], or null for 1 / number of parameters.");
        }

        if (!(MutationEta >= 0) || double.IsInfinity(MutationEta))
        {
            failures.Add($"MutationEta is {MutationEta}; it must be a finite number >= 0.");
        }

        if (MaxRepairAttempts < 0)
        {
            failures.Add($"MaxRepairAttempts is {MaxRepairAttempts}; it must be at least 0.");
        }

        if (!(LocalSearchShare >= 0 && LocalSearchShare <= 1))
        {
            failures.Add($"LocalSearchShare is {LocalSearchShare}; it must be in [0, 1] (default 0.75; 0 turns local steps off).");
        }

        if (PreSelectionCandidates < 0 || PreSelectionCandidates > 1024)
        {
            failures.Add($"PreSelectionCandidates is {PreSelectionCandidates}; it must be in [0, 1024] (0 turns pre-selection off; the CLI uses 16).");
        }

        if (PreSelectionRandomCandidates < 0 || PreSelectionRandomCandidates > 4096)
        {
            failures.Add($"PreSelectionRandomCandidates is {PreSelectionRandomCandidates}; it must be in [0, 4096] (default 64).");
        }

        if (!(PreSelectionExploration >= 0) || double.IsInfinity(PreSelectionExploration))
        {
            failures.Add($"PreSelectionExploration is {PreSelectionExploration}; it must be a finite number >= 0 (default 2).");
        }

        if (PreSelectionRateAllUnseen < 0 || PreSelectionRateAllUnseen > 100_000)
        {
            failures.Add($"PreSelectionRateAllUnseen is {PreSelectionRateAllUnseen}; it must be in [0, 100,000] (0: always random candidates).");
        }

        if (!(PreSelectionNeighbourhoodShare >= 0 && PreSelectionNeighbourhoodShare <= 1))
        {
            failures.Add($"PreSelectionNeighbourhoodShare is {PreSelectionNeighbourhoodShare}; it must be in [0, 1] (default 0).");
        }

        if (!Enum.IsDefined(PreSelectionAcquisition))
        {
            failures.Add($"PreSelectionAcquisition is {PreSelectionAcquisition}; choose EpsilonImprovement or HypervolumeImprovement.");
        }

        if (InitialDesignSize is < 0)
        {
            failures.Add($"InitialDesignSize is {InitialDesignSize}; it must be at least 0, or null for one population.");
        }

        if (EnumerationLimit < 0)
        {
            failures.Add($"EnumerationLimit is {EnumerationLimit}; it must be at least 0.");
        }

        return failures;
    }

    /// <summary>
    /// Turns on the budget-aware search: <see cref="AdaptToBudget"/>; the split corners as prior configurations;
    /// pre-selection by the surrogate with <see cref="PreSelectionCandidates"/> 16, every unseen configuration rated
    /// while at most 2,000 are left, the hypervolume improvement of a lower confidence bound 4 standard deviations
    /// below the mean, and 30% of the proposals from the front's neighbourhood; no separate local steps
    /// (<see cref="LocalSearchShare"/> 0: the neighbourhood rounds replace them). Measured on the VGG16 pool in
    /// docs/optimization.md.
    /// </summary>
    public void UseBudgetAwareSearch()
    {
        AdaptToBudget = true;
        PriorConfigurations = PriorDesigns.SplitCorners;
        PreSelectionCandidates = 16;
        PreSelectionRateAllUnseen = 2_000;
        PreSelectionAcquisition = PreSelectionAcquisition.HypervolumeImprovement;
        PreSelectionExploration = 4;
        PreSelectionNeighbourhoodShare = 0.3;
        PreSelectionLengthScalePrior = true;
        LocalSearchShare = 0;
    }

    /// <summary>Throws when the settings are invalid.</summary>
    /// <exception cref="ArgumentException">At least one setting is invalid; the message lists them all.</exception>
    internal void ThrowIfInvalid(string optimizer)
    {
        var failures = Validate();
        if (failures.Count > 0)
        {
            throw new ArgumentException($"Invalid {optimizer} options: {string.Join(" ", failures)}");
        }
    }
}
