using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using DynaSplit.Objectives;
using DynaSplit.Optimization.TestProblems;
using DynaSplit.Spaces;
using NUnit.Framework;

namespace DynaSplit.Optimization.Tests;

/// <summary>
/// Pins the proposals of the plain algorithms (the CLI's <c>nsga3-plain</c> and <c>nsga2-plain</c>: default
/// options) for fixed seeds, recorded before the optimizer was restructured into strategies, so that the
/// restructuring provably keeps them. Each case hashes the sequence of proposed configurations (keys, or the
/// round-trip values of real parameters) of a run through several generations, with mixed ask sizes, a warm start
/// and a failure; a change of any proposal, its order, or the random draws behind it changes the hash.
/// </summary>
public sealed class PlainAlgorithmPinTests
{
    private static readonly ObjectiveDefinition[] TwoMinimized = [new("f1", ObjectiveDirection.Minimize), new("f2", ObjectiveDirection.Minimize)];

    [TestCase("nsga3", ExpectedResult = "D5A48344BFDC816F")]
    [TestCase("nsga2", ExpectedResult = "8A83D65C1C2DE3B6")]
    public string DiscreteSpaceWithWarmStartAndFailure(string algorithm)
    {
        var space = SyntheticTestbed.CreateSpace();
        var session = Create(algorithm).CreateSession(new OptimizationProblem(space, WellKnownObjectives.LatencyEnergyAccuracy, 300, 11));
        session.Tell(space.ValidConfigurations[40], SyntheticTestbed.Model(space.ValidConfigurations[40]).GetObjectives(WellKnownObjectives.LatencyEnergyAccuracy));
        var proposed = new StringBuilder();
        var asks = new[] { 7, 1, 1, 13, 50, 2 };
        var count = 0;
        for (var k = 0; count < 300 && k < 400; k++)
        {
            var batch = session.Ask(asks[k % asks.Length]);
            if (batch.Count == 0)
            {
                break;
            }

            foreach (var c in batch)
            {
                count++;
                proposed.Append(c.Key).Append(';');
                if (c["layer"] == 13 && c["cpu-freq"] == 900)
                {
                    session.TellFailure(c, "pinned failure");
                    continue;
                }

                session.Tell(c, SyntheticTestbed.Model(c).GetObjectives(WellKnownObjectives.LatencyEnergyAccuracy));
            }
        }

        Assert.That(count, Is.EqualTo(303), "the last batch ends past 300");
        return Hash(proposed);
    }

    [TestCase("nsga3", ExpectedResult = "9754B245DECE4A41")]
    [TestCase("nsga2", ExpectedResult = "901D66BC2A86F2C2")]
    public string DiscreteSpaceWithAConstraint(string algorithm)
    {
        var space = new ConfigurationSpace([new IntegerParameter("a", 0, 39), new IntegerParameter("b", 0, 39)]);
        var session = Create(algorithm).CreateSession(new OptimizationProblem(space, TwoMinimized, 500, 2) { ConstraintNames = ["limit"] });
        var proposed = new StringBuilder();
        for (var generation = 0; generation < 6; generation++)
        {
            foreach (var c in session.Ask(50))
            {
                proposed.Append(c.Key).Append(';');
                session.Tell(c, [c["a"], c["b"] + (0.1 * c["a"])], [20 - c["a"]]);
            }
        }

        return Hash(proposed);
    }

    [TestCase("nsga3", ExpectedResult = "4A1E8D02F285473A")]
    [TestCase("nsga2", ExpectedResult = "CDAAB4D69C8F8C0D")]
    public string RealValuedZdt1(string algorithm)
    {
        var problem = Zdt.Zdt1(8);
        var session = Create(algorithm, population: 20).CreateSession(new OptimizationProblem(problem.Space, TwoMinimized, 200, 5));
        return RealValuedRun(session, problem, 20, 6);
    }

    [Test]
    public void ThreeObjectiveDtlz2()
    {
        var problem = new Dtlz2(3, 7);
        var objectives = Enumerable.Range(1, 3).Select(i => new ObjectiveDefinition($"f{i}", ObjectiveDirection.Minimize)).ToArray();
        var session = Create("nsga3", population: 16).CreateSession(new OptimizationProblem(problem.Space, objectives, 160, 9));
        Assert.That(RealValuedRun(session, problem, 16, 8), Is.EqualTo("51C8E079D315ACE8"));
    }

    private static string RealValuedRun(IOptimizationSession session, ITestProblem problem, int population, int generations)
    {
        var proposed = new StringBuilder();
        for (var generation = 0; generation < generations; generation++)
        {
            foreach (var c in session.Ask(population))
            {
                foreach (var value in c.Values)
                {
                    proposed.Append(value.ToString("R", CultureInfo.InvariantCulture)).Append(',');
                }

                proposed.Append(';');
                session.Tell(c, problem.Evaluate(c));
            }
        }

        return Hash(proposed);
    }

    private static IMultiObjectiveOptimizer Create(string algorithm, int population = 50) => algorithm switch
    {
        "nsga3" => new Nsga3Optimizer(new Nsga3Options { PopulationSize = population }),
        "nsga2" => new Nsga2Optimizer(new Nsga2Options { PopulationSize = population }),
        _ => throw new ArgumentOutOfRangeException(nameof(algorithm), algorithm, "nsga3 or nsga2"),
    };

    private static string Hash(StringBuilder text) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())))[..16];
}
