using System.Buffers;
using System.Globalization;
using System.Runtime.CompilerServices;
using DynaSplit.Placements.Model;

namespace DynaSplit.Placements.Planning;

/// <summary>
/// FIN, the feasible inference graph (Singhal et al., "Resource-aware Deployment of Dynamic DNNs over Multi-tiered
/// Interconnected Systems", INFOCOM 2024): a graph whose vertices are (block, tier, latency level), so that every path
/// from the source to the sink is a placement within the latency limit, and whose minimum-energy path is found by
/// dynamic programming over the DAG.
/// </summary>
/// <remarks>
/// <para>
/// The latency limit <c>L</c> is divided into <c>gamma</c> levels of <c>L / gamma</c>. Running block <c>i</c> on tier
/// <c>n</c> after block <c>i - 1</c> on tier <c>m</c> is an edge from <c>(i - 1, m, l)</c> to <c>(i, n, l + q)</c>, where
/// <c>q</c> is the step's time (compute plus transfer) in levels rounded up, a time that is an exact multiple going one
/// level further (a step that takes no time takes no level). The edge costs the step's energy. Only levels up to
/// <c>gamma</c> exist, so every path's true latency is strictly below <c>L</c>: the plan found is always feasible. The
/// sink is reached from the vertices of the exits whose accuracy is above the floor (adding the exit branch's step).
/// </para>
/// <para>
/// Invariant of the dynamic program: after block <c>i</c>, <c>energy[n, l]</c> is the least energy of any placement
/// of blocks 1..i ending on tier <c>n</c> whose rounded time is exactly <c>l</c> levels. Rounding costs at most one
/// level per step, so a placement whose latency leaves at least <c>(steps) L / gamma</c> of the limit unused is never
/// excluded, and the result converges to the optimum as gamma grows. Time O(blocks x tiers^2 x gamma), memory
/// O(blocks x tiers x gamma) bytes for the back-pointers.
/// </para>
/// </remarks>
public sealed class FinPlanner : IPlacementPlanner
{
    /// <summary>The most back-pointers (blocks x tiers x (gamma + 1)) one plan may allocate.</summary>
    public const long MaxGraphVertices = 1L << 28;

    /// <summary>Creates the planner.</summary>
    /// <param name="options">The options (copied; default gamma 1000).</param>
    /// <exception cref="ArgumentException">The options are invalid.</exception>
    public FinPlanner(FinPlannerOptions? options = null)
    {
        options ??= new FinPlannerOptions();
        if (options.Validate() is { Count: > 0 } failures)
        {
            throw new ArgumentException($"{nameof(FinPlannerOptions)}: {string.Join(" ", failures)}", nameof(options));
        }

        Gamma = options.Gamma;
    }

    /// <summary>The number of latency levels.</summary>
    public int Gamma { get; }

    /// <inheritdoc />
    public string Name => PlannerNames.Fin;

    /// <inheritdoc />
    /// <exception cref="ArgumentException">The graph would have more than <see cref="MaxGraphVertices"/> vertices.</exception>
    public PlacementResult Plan(PlacementProblem problem, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(problem);
        var profile = problem.Profile;
        var requirements = problem.Requirements;
        var qualifying = Exits.Qualifying(profile, requirements);
        if (qualifying.Length == 0)
        {
            return PlacementResult.Infeasible(Name, Exits.NoneReason(profile, requirements));
        }

        var tiers = problem.Topology.Tiers.Count;
        var blocks = profile.Exits[qualifying[^1]].AfterBlocks;
        var levels = Gamma + 1;
        if ((long)blocks * tiers * levels > MaxGraphVertices)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                $"FIN's graph for {profile.Name} would have {blocks} x {tiers} x {levels} vertices, more than {MaxGraphVertices:N0}; lower gamma ({Gamma})."));
        }

        var tables = CostTables.Build(problem.Topology, profile);

        // Pooled: a plan's arrays are large (tiers x levels doubles, blocks x tiers x levels back-pointers) and short-lived.
        var energyArray = ArrayPool<double>.Shared.Rent(tiers * levels);
        var nextArray = ArrayPool<double>.Shared.Rent(tiers * levels);
        var parentArray = ArrayPool<sbyte>.Shared.Rent(blocks * tiers * levels);
        try
        {
            return Search(problem, qualifying, tables, blocks, energyArray, nextArray, parentArray, cancellationToken);
        }
        finally
        {
            ArrayPool<double>.Shared.Return(energyArray);
            ArrayPool<double>.Shared.Return(nextArray);
            ArrayPool<sbyte>.Shared.Return(parentArray);
        }
    }

    private PlacementResult Search(PlacementProblem problem, int[] qualifying, CostTables tables, int blocks, double[] energy, double[] next, sbyte[] parent, CancellationToken cancellationToken)
    {
        var profile = problem.Profile;
        var requirements = problem.Requirements;
        var tiers = tables.TierCount;
        var levels = Gamma + 1;
        var levelSeconds = requirements.LatencyMs / 1000 / Gamma;
        var exitAt = new int[blocks + 1];
        Array.Fill(exitAt, -1);
        foreach (var e in qualifying)
        {
            exitAt[profile.Exits[e].AfterBlocks] = e;
        }

        energy.AsSpan(0, tiers * levels).Fill(double.PositiveInfinity);
        next.AsSpan(0, tiers * levels).Fill(double.PositiveInfinity);

        // The range of levels that may hold a finite energy, per tier: the only ones worth relaxing from.
        var range = new (int Low, int High)[tiers];
        var nextRange = new (int Low, int High)[tiers];
        Array.Fill(range, Empty);
        var first = Levels(tables.ComputeSeconds[0, 0], levelSeconds);
        if (first <= Gamma)
        {
            energy[first] = tables.ComputeJoules[0, 0];
            range[0] = (first, first);
        }

        var best = (Energy: double.PositiveInfinity, Exit: -1, Tier: -1, Level: -1);
        for (var block = 0; block < blocks; block++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (block > 0)
            {
                Relax(tables, block, energy, range, next, nextRange, parent.AsSpan(block * tiers * levels, tiers * levels), levelSeconds);

                // The old array becomes the next target: clear what it held.
                for (var n = 0; n < tiers; n++)
                {
                    if (range[n].Low <= range[n].High)
                    {
                        energy.AsSpan((n * levels) + range[n].Low, range[n].High - range[n].Low + 1).Fill(double.PositiveInfinity);
                    }
                }

                (energy, next) = (next, energy);
                (range, nextRange) = (nextRange, range);
            }

            if (exitAt[block + 1] is var e and >= 0)
            {
                for (var n = 0; n < tiers; n++)
                {
                    var q = Levels(tables.ExitSeconds[e, n], levelSeconds);
                    var exitJoules = tables.ExitJoules[e, n];
                    for (var l = range[n].Low; l <= Math.Min(range[n].High, Gamma - q); l++)
                    {
                        var candidate = energy[(n * levels) + l] + exitJoules;
                        if (candidate < best.Energy)
                        {
                            best = (candidate, e, n, l);
                        }
                    }
                }
            }
        }

        if (best.Exit < 0)
        {
            return PlacementResult.Infeasible(Name, string.Create(CultureInfo.InvariantCulture,
                $"FIN (gamma {Gamma}) found no placement of {profile.Name} with an exit above {requirements.AccuracyPercent:G6}% taking less than {requirements.LatencyMs:G6} ms; none exists, or all are within about {profile.Exits[qualifying[^1]].AfterBlocks + 1} / {Gamma} of the limit (raise gamma)"));
        }

        var path = new int[profile.Exits[best.Exit].AfterBlocks];
        var tier = best.Tier;
        var level = best.Level;
        for (var block = path.Length - 1; block > 0; block--)
        {
            path[block] = tier;
            var from = parent[(block * tiers * levels) + (tier * levels) + level];
            level -= Levels(tables.StepSeconds(block, from, tier), levelSeconds);
            tier = from;
        }

        path[0] = tier;
        var plan = PlacementCostModel.Evaluate(tables, problem.Topology, profile, best.Exit, path);
        if (!plan.Meets(requirements))
        {
            throw new InvalidOperationException($"FIN (gamma {Gamma}) returned {plan} for {profile.Name}, which misses {requirements}; the level rounding should make this impossible. Please report it with the profile and topology.");
        }

        return PlacementResult.Feasible(Name, plan);
    }

    /// <summary>
    /// A step's time in whole levels, rounded up; an exact multiple (within 1e-9, so that floating-point error can
    /// only round further up) goes one level further so the sum stays strictly below the limit; no time, no level.
    /// </summary>
    internal static int Levels(double seconds, double levelSeconds)
    {
        if (seconds <= 0)
        {
            return 0;
        }

        var ratio = seconds / levelSeconds * (1 + 1e-9);
        return ratio >= int.MaxValue - 1 ? int.MaxValue - 1 : (int)Math.Floor(ratio) + 1;
    }

    private static readonly (int Low, int High) Empty = (int.MaxValue, int.MinValue);

    private void Relax(CostTables tables, int block, double[] energy, (int Low, int High)[] range, double[] next, (int Low, int High)[] nextRange, Span<sbyte> parent, double levelSeconds)
    {
        var tiers = tables.TierCount;
        var levels = Gamma + 1;
        Array.Fill(nextRange, Empty);
        for (var m = 0; m < tiers; m++)
        {
            var (low, high) = range[m];
            if (low > high)
            {
                continue;
            }

            for (var n = m; n < tiers; n++)
            {
                if (!tables.HasLink[m, n])
                {
                    continue;
                }

                var q = Levels(tables.StepSeconds(block, m, n), levelSeconds);
                var top = Math.Min(high, Gamma - q);
                if (top < low)
                {
                    continue;
                }

                var joules = tables.StepJoules(block, m, n);
                // The hot loop: refs instead of span indexers, so no bounds checks (the ranges are checked above).
                var count = top - low + 1;
                ref var source = ref energy[(m * levels) + low];
                ref var target = ref next[(n * levels) + low + q];
                ref var parents = ref parent[(n * levels) + low + q];
                var from = (sbyte)m;
                for (var l = 0; l < count; l++)
                {
                    var candidate = Unsafe.Add(ref source, l) + joules;
                    if (candidate < Unsafe.Add(ref target, l))
                    {
                        Unsafe.Add(ref target, l) = candidate;
                        Unsafe.Add(ref parents, l) = from;
                    }
                }

                nextRange[n] = (Math.Min(nextRange[n].Low, low + q), Math.Max(nextRange[n].High, top + q));
            }
        }
    }
}
