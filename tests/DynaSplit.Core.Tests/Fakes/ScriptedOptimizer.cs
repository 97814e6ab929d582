using DynaSplit.Optimization;
using DynaSplit.Spaces;

namespace DynaSplit.Core.Tests.Fakes;

/// <summary>Proposes a fixed script of configurations (repeats included) and records what it is told.</summary>
internal sealed class ScriptedOptimizer(Func<ConfigurationSpace, IReadOnlyList<Configuration>> script) : IMultiObjectiveOptimizer
{
    public string Name => "scripted";

    public List<(string Key, double[] Objectives)> Told { get; } = [];

    public List<string> Failures { get; } = [];

    public IOptimizationSession CreateSession(OptimizationProblem problem) => new Session(this, script(problem.Space));

    private sealed class Session(ScriptedOptimizer owner, IReadOnlyList<Configuration> sequence) : IOptimizationSession
    {
        private int _next;

        public IReadOnlyList<Configuration> Ask(int maxCount)
        {
            var batch = sequence.Skip(_next).Take(maxCount).ToArray();
            _next += batch.Length;
            return batch;
        }

        public void Tell(Configuration configuration, ReadOnlySpan<double> objectives, ReadOnlySpan<double> constraints = default) =>
            owner.Told.Add((configuration.Key, objectives.ToArray()));

        public void TellFailure(Configuration configuration, string error) => owner.Failures.Add(configuration.Key);
    }
}
