using DynaSplit.Optimization;
using DynaSplit.Simulation.Comparison;
using DynaSplit.Simulation.Strategies;
using DynaSplit.Simulation.Workload;

namespace DynaSplit.Simulation.Tests;

/// <summary>The comparison reports each offline phase's progress, in order, up to its budget.</summary>
public sealed class ComparisonProgressTests
{
    private sealed class Recorder : IProgress<ComparisonProgress>
    {
        public List<ComparisonProgress> Reports { get; } = [];

        public void Report(ComparisonProgress value) => Reports.Add(value);
    }

    [Test]
    public async Task EveryOfflinePhaseReportsUpToItsBudgetInOrder()
    {
        var recorder = new Recorder();
        var settings = new ComparisonSettings { ThresholdsMs = QosWorkload.Weibull(100, 90.6, 5026.8, 0), Seeds = 2, Strategies = [Baselines.DynaSplit] };
        var result = await StrategyComparison.RunAsync(Pools.Vgg16(), () => new RandomSearch(), settings, null, recorder, CancellationToken.None);

        Assert.That(recorder.Reports.Select(r => r.Runs), Is.All.EqualTo(2));
        Assert.That(recorder.Reports.Select(r => r.Run).Distinct(), Is.EqualTo(new[] { 0, 1 }), "run 0 first, then run 1");
        foreach (var run in new[] { 0, 1 })
        {
            var completed = recorder.Reports.Where(r => r.Run == run).Select(r => r.Offline.Completed).ToList();
            Assert.That(completed, Is.Ordered.Ascending);
            Assert.That(completed[^1], Is.EqualTo(result.OfflineRuns[run].Budget), "the last report is the finished phase");
            // 150 trials (20% of 747): up to 16 extra runs (a tenth in whole repeats of 2) repeat the fastest, the rest are distinct configurations,
            // so the distinct budget reported starts at 150 less what is spent at once and shrinks with each repeat.
            var budgets = recorder.Reports.Where(r => r.Run == run).Select(r => r.Offline.Budget).ToList();
            Assert.That(budgets, Is.Ordered.Descending);
            Assert.That(budgets, Is.All.InRange(134, 150));
            var extraRuns = result.OfflineRuns[run].Trials.Sum(t => t.Measurement!.Runs - 1);
            Assert.That(extraRuns, Is.InRange(1, 16));
            Assert.That(budgets[^1], Is.EqualTo(150 - extraRuns));
            Assert.That((result.TrialBudget, result.RepeatAllowance), Is.EqualTo((150, 16)));
        }
    }
}
