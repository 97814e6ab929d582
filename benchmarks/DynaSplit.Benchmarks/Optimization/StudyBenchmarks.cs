using BenchmarkDotNet.Attributes;
using DynaSplit.Objectives;
using DynaSplit.Optimization;
using DynaSplit.Spaces;

namespace DynaSplit.Benchmarks.Optimization;

/// <summary>
/// The optimizer's whole share of an offline phase: the paper's VGG16 space (917 valid configurations), a 20% budget
/// (184 trials) asked one at a time as the offline phase does, with a cheap analytic latency/energy/accuracy model
/// standing in for the trials. Compares plain NSGA-III with NSGA-III and surrogate pre-selection (16 bred and 64
/// random candidates per proposal, one Gaussian process per objective refitted after every result): the
/// difference is the computation pre-selection costs per study, to set against the trials it saves. Also the
/// budget-aware search (<see cref="Nsga3Options.BudgetAware"/>: every unseen configuration rated by hypervolume
/// improvement).
/// </summary>
[ShortRunJob]
[MemoryDiagnoser]
public class StudyBenchmarks
{
    private readonly ConfigurationSpace _space = SplitComputingSpace.PaperVgg16();

    /// <summary>plain: NSGA-III as published; pre-selection: 16 bred and 64 random candidates; budget-aware: the CLI's nsga3.</summary>
    [Params("plain", "pre-selection", "budget-aware")]
    public string Search { get; set; } = "plain";

    internal static Nsga3Options Options(string search) => search switch
    {
        "plain" => new Nsga3Options(),
        "pre-selection" => new Nsga3Options { PreSelectionCandidates = 16 },
        _ => Nsga3Options.BudgetAware(),
    };

    [Benchmark]
    public int Vgg16StudyAtTwentyPercent()
    {
        var optimizer = new Nsga3Optimizer(Options(Search));
        var budget = (int)Math.Ceiling(0.2 * _space.CountValid());
        var session = optimizer.CreateSession(new OptimizationProblem(_space, WellKnownObjectives.LatencyEnergyAccuracy, budget, 1));
        var told = 0;
        while (told < budget)
        {
            var batch = session.Ask(1);
            if (batch.Count == 0)
            {
                break;
            }

            session.Tell(batch[0], Model(batch[0]));
            told++;
        }

        return told;
    }

    internal static double[] Model(Configuration c)
    {
        var layer = c["layer"];
        var speed = (c["cpu-freq"] / 1800.0) * (1 + (1.5 * c["edge-accelerator"]));
        var edgeWork = layer / 22.0;
        var transfer = 40 * Math.Exp(-layer / 6.0) * (1 + (0.3 * Math.Sin(layer)));
        var latency = (120 * edgeWork / speed) + transfer + ((1 - edgeWork) * (c["server-accelerator"] > 0 ? 8 : 30)) + 5;
        var energy = (edgeWork * (0.4 + (c["cpu-freq"] / 1800.0 * 0.8))) + (transfer * 0.01) + ((1 - edgeWork) * (c["server-accelerator"] > 0 ? 1.6 : 0.9));
        var accuracy = 0.9 - (c["edge-accelerator"] > 0 && layer > 0 ? 0.01 * (1 + (layer % 3)) : 0);
        return [latency, energy, accuracy];
    }
}
