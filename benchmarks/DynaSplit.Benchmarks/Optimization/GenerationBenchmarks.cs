using BenchmarkDotNet.Attributes;
using DynaSplit.Objectives;
using DynaSplit.Optimization;
using DynaSplit.Optimization.TestProblems;
using DynaSplit.Spaces;

namespace DynaSplit.Benchmarks.Optimization;

/// <summary>
/// One generation of 100 over 3 objectives: tell the 100 results of the previous generation, then ask for the next
/// 100 (environmental selection of 200, mating, variation, validity and duplicate checks). The objectives come from
/// DTLZ2 (12 real variables) or from a cheap function of a 6-parameter discrete space; evaluating them (about
/// 100 x 0.2 us) is included.
/// </summary>
/// <remarks>
/// Every iteration starts the same study again (not measured): a new session run for <see cref="StartGeneration"/>
/// generations, then the measured invocations are the next 50: early in a study (after 5 generations, where every
/// real study with a budget of hundreds of trials is) and late (after 1,000, where the archive's neighbourhoods are
/// mostly seen and local steps search longest). A session carried from iteration to iteration drifts instead: on the
/// enumerable space (about a million configurations) a long run proposes all of them, and the later generations
/// then measure an empty ask (14 us) rather than a generation.
/// </remarks>
[ShortRunJob]
[MemoryDiagnoser]
[InvocationCount(GenerationsPerIteration)]
public class GenerationBenchmarks
{
    private const int GenerationsPerIteration = 50;

    private const int Population = 100;
    private IMultiObjectiveOptimizer _optimizer = null!;
    private OptimizationProblem _problem = null!;
    private IOptimizationSession _session = null!;
    private IReadOnlyList<Configuration> _pending = [];
    private Func<Configuration, double[]> _evaluate = null!;

    [Params("nsga3", "nsga2")]
    public string Optimizer { get; set; } = "nsga3";

    [Params("dtlz2-real", "discrete", "discrete-enumerable")]
    public string Space { get; set; } = "dtlz2-real";

    /// <summary>Generations run before the measured ones, in each iteration's setup.</summary>
    [Params(5, 1000)]
    public int StartGeneration { get; set; } = 5;

    [GlobalSetup]
    public void Setup()
    {
        ConfigurationSpace space;
        if (Space == "discrete")
        {
            // 6 parameters, 20 levels each (64 million combinations, too many to enumerate): integer, ordinal, categorical.
            space = new ConfigurationSpace(
            [
                new IntegerParameter("a", 0, 19), new IntegerParameter("b", 0, 19),
                new OrdinalParameter("c", Enumerable.Range(1, 20).Select(i => i * 100.0)), new OrdinalParameter("d", Enumerable.Range(1, 20).Select(i => i * 0.5)),
                new CategoricalParameter("e", Enumerable.Range(0, 20).Select(i => $"e{i}")), new CategoricalParameter("f", Enumerable.Range(0, 20).Select(i => $"f{i}")),
            ]);
            _evaluate = c => [c[0] + c[1], 40 - c[0] + (c[2] / 200), (c[3] * 2) + c[4] - c[1]];
        }
        else if (Space == "discrete-enumerable")
        {
            // 5 parameters, 16 levels each (1,048,576 combinations, enumerated): local steps from the archive are on.
            space = new ConfigurationSpace(
            [
                new IntegerParameter("a", 0, 15), new IntegerParameter("b", 0, 15),
                new OrdinalParameter("c", Enumerable.Range(1, 16).Select(i => i * 100.0)), new OrdinalParameter("d", Enumerable.Range(1, 16).Select(i => i * 0.5)),
                new CategoricalParameter("e", Enumerable.Range(0, 16).Select(i => $"e{i}")),
            ]);
            _evaluate = c => [c[0] + c[1], 40 - c[0] + (c[2] / 200), (c[3] * 2) + c[4] - c[1]];
        }
        else
        {
            var problem = new Dtlz2(3, 12);
            space = problem.Space;
            _evaluate = problem.Evaluate;
        }

        _optimizer = Optimizer == "nsga3"
            ? new Nsga3Optimizer(new Nsga3Options { PopulationSize = Population, Divisions = 12 })
            : new Nsga2Optimizer(new Nsga2Options { PopulationSize = Population });
        ObjectiveDefinition[] objectives = [new("f1", ObjectiveDirection.Minimize), new("f2", ObjectiveDirection.Minimize), new("f3", ObjectiveDirection.Minimize)];
        _problem = new OptimizationProblem(space, objectives, int.MaxValue, 1);
    }

    /// <summary>Starts the study again: a new session and <see cref="StartGeneration"/> generations, leaving one generation asked but not told.</summary>
    [IterationSetup]
    public void StartStudy()
    {
        _session = _optimizer.CreateSession(_problem);
        _pending = _session.Ask(Population);
        for (var g = 0; g < StartGeneration; g++)
        {
            TellAndProposeGeneration();
        }
    }

    /// <summary>Tells the pending generation's results and asks for the next one.</summary>
    [Benchmark]
    public int TellAndProposeGeneration()
    {
        foreach (var configuration in _pending)
        {
            _session.Tell(configuration, _evaluate(configuration));
        }

        _pending = _session.Ask(Population);
        return _pending.Count;
    }
}
