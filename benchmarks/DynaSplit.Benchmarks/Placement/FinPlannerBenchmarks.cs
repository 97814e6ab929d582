using BenchmarkDotNet.Attributes;
using DynaSplit.Placements.Model;
using DynaSplit.Placements.Planning;

namespace DynaSplit.Benchmarks.Placement;

/// <summary>
/// Issue 13's target: FIN plans a 100-block network on 4 tiers with gamma 1000 in under 50 ms; the other sizes show
/// how the time grows with blocks and gamma (expected linear in both).
/// </summary>
[MemoryDiagnoser]
public class FinPlannerBenchmarks
{
    private PlacementProblem _problem = null!;
    private FinPlanner _planner = null!;

    /// <summary>Blocks of the main chain.</summary>
    [Params(25, 50, 100)]
    public int Blocks { get; set; }

    /// <summary>FIN's latency levels.</summary>
    [Params(300, 1000, 3000, 10000)]
    public int Gamma { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _problem = CreateProblem(Blocks, seed: 13);
        _planner = new FinPlanner(new FinPlannerOptions { Gamma = Gamma });
        if (!_planner.Plan(_problem).IsFeasible)
        {
            throw new InvalidOperationException($"The benchmark instance ({Blocks} blocks, gamma {Gamma}) has no plan; it would measure the infeasible path only.");
        }
    }

    /// <summary>One plan.</summary>
    [Benchmark]
    public PlacementResult Plan() => _planner.Plan(_problem);

    /// <summary>
    /// A device, two edge tiers and a cloud, all forward links; exits every 10 blocks with the floor above all but the
    /// last, so the whole chain is planned; a latency limit of 60% of the all-on-device time, so every level is in use.
    /// </summary>
    internal static PlacementProblem CreateProblem(int blocks, int seed)
    {
        var random = new Random(seed);
        var tiers = new[]
        {
            new ComputeTier("device", 11e9, 6),
            new ComputeTier("edge1", 60e9, 40),
            new ComputeTier("edge2", 153.4e9, 140),
            new ComputeTier("cloud", 312e9, 400),
        };
        var links = new List<TierLink>();
        for (var a = 0; a < tiers.Length; a++)
        {
            for (var b = a + 1; b < tiers.Length; b++)
            {
                links.Add(new TierLink(tiers[a].Name, tiers[b].Name, 1e9 * Math.Pow(10, b), 3e-8, 2e-8));
            }
        }

        var chain = Enumerable.Range(0, blocks).Select(_ => new ModelBlock(1e6 * (1 + (random.NextDouble() * 20)), 8 * (1e4 + (random.NextDouble() * 2e5)))).ToArray();
        var exits = Enumerable.Range(1, blocks).Where(b => b % 10 == 0 || b == blocks).Select((b, i) => new ModelExit(b, Math.Min(99, 40 + (i * 5)))).ToArray();
        var deviceMs = chain.Sum(b => b.Operations) / tiers[0].OperationsPerSecond * 1000;
        return new PlacementProblem(
            new TierTopology(tiers, links),
            new EarlyExitProfile($"chain{blocks}", chain, exits),
            new PlacementRequirements(0.6 * deviceMs, exits[^1].AccuracyPercent - 0.5));
    }
}
