using BenchmarkDotNet.Attributes;
using DynaSplit.Objectives;
using DynaSplit.Optimization;
using DynaSplit.Spaces;

namespace DynaSplit.Benchmarks.Optimization;

/// <summary>
/// The optimizer's cost of one trial late in a long study: a session over a 2,620-configuration split space
/// (the paper's VGG16 parameters with 20 CPU frequencies) is told 1,000 measured configurations (a warm start, not
/// timed) and asked once (the hyperparameter search, not timed); the benchmark is the next Ask and Tell: one refit of
/// the Gaussian processes over the 200 newest results and the rating of the candidates. Target: under 50 ms per
/// trial, small next to a real trial (seconds to minutes).
/// </summary>
[ShortRunJob]
[MemoryDiagnoser]
public class SurrogateTrialCostBenchmarks
{
    private IOptimizationSession _session = null!;
    private ConfigurationSpace _space = null!;

    /// <summary>pre-selection: 16 bred and 64 random candidates; budget-aware: the CLI's nsga3 (every unseen configuration rated while at most 2,000 are left).</summary>
    [Params("pre-selection", "budget-aware")]
    public string Search { get; set; } = "budget-aware";

    [IterationSetup]
    public void Setup()
    {
        _space = new ConfigurationSpace(
            [
                new IntegerParameter("layer", 0, 22, role: ParameterRole.SplitPoint),
                new OrdinalParameter("cpu-freq", Enumerable.Range(0, 20).Select(i => 600 + (i * 60.0)), ParameterRole.EdgeCpuFrequency, "MHz"),
                new CategoricalParameter("edge-accelerator", ["off", "std", "max"], ParameterRole.EdgeAccelerator),
                new CategoricalParameter("server-accelerator", ["False", "True"], ParameterRole.CloudAccelerator),
            ],
            [
                new ImplicationRule("layer", "0", "edge-accelerator", "off"),
                new ImplicationRule("layer", "22", "server-accelerator", "False"),
            ]);
        _session = new Nsga3Optimizer(StudyBenchmarks.Options(Search)).CreateSession(
            new OptimizationProblem(_space, WellKnownObjectives.LatencyEnergyAccuracy, 1_200, 1));
        var random = new Random(5);
        foreach (var configuration in _space.ValidConfigurations.OrderBy(_ => random.Next()).Take(1_000))
        {
            _session.Tell(configuration, StudyBenchmarks.Model(configuration));
        }

        var first = _session.Ask(1)[0];
        _session.Tell(first, StudyBenchmarks.Model(first));
    }

    [Benchmark]
    public void OneTrialAfterAThousand()
    {
        var next = _session.Ask(1)[0];
        _session.Tell(next, StudyBenchmarks.Model(next));
    }
}
