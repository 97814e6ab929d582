using BenchmarkDotNet.Attributes;
using DynaSplit.Objectives;
using DynaSplit.Scheduling;
using DynaSplit.Spaces;
using DynaSplit.Trials;

namespace DynaSplit.Benchmarks.Scheduling;

/// <summary>
/// The predictive decision of issue 12: over a 100-entry table with breakdowns and cut sizes, a link estimate and a
/// switch cost from the current configuration, it must stay allocation-free and under a microsecond.
/// </summary>
[MemoryDiagnoser]
public class PredictiveSchedulerBenchmarks
{
    private PredictiveScheduler _scheduler = null!;
    private double[] _thresholds = null!;
    private Configuration[] _current = null!;
    private LinkEstimate[] _links = null!;
    private ConstantSwitchCost _costs = null!;
    private int _next;

    [GlobalSetup]
    public void Setup()
    {
        var space = new ConfigurationSpace(
        [
            new OrdinalParameter("cpu-freq", [600, 800, 1000, 1200, 1400, 1600, 1800], ParameterRole.EdgeCpuFrequency, "MHz"),
            new IntegerParameter("layer", 0, 22, 1, ParameterRole.SplitPoint),
            new CategoricalParameter("edge-accelerator", ["off", "std", "max"], ParameterRole.EdgeAccelerator),
            new CategoricalParameter("server-accelerator", ["False", "True"], ParameterRole.CloudAccelerator),
        ]);
        var random = new Random(1);
        var entries = space.ValidConfigurations.OrderBy(_ => random.Next()).Take(100).Select(c =>
        {
            double edge = random.NextDouble() * 400, transfer = random.NextDouble() * 40, cloud = random.NextDouble() * 90;
            double edgeJ = random.NextDouble() * 3, cloudJ = random.NextDouble() * 65;
            return new LookupEntry(c, edge + transfer + cloud, edgeJ + cloudJ, 0.6)
            {
                Latency = new LatencyBreakdown(edge, transfer, cloud),
                Energy = new EnergyBreakdown(edgeJ, cloudJ),
                TransferredBytes = random.Next(0, 3_300_000),
            };
        }).ToArray();
        _scheduler = new PredictiveScheduler(new LookupTable(space, WellKnownObjectives.LatencyEnergyAccuracy, entries), new PredictiveSchedulerOptions { RecordedLink = new LinkEstimate(588e6, 2.3, 0) });
        _thresholds = Enumerable.Range(0, 1024).Select(_ => 90 + (random.NextDouble() * 900)).ToArray();
        _current = Enumerable.Range(0, 1024).Select(_ => entries[random.Next(entries.Length)].Configuration).ToArray();
        _links = Enumerable.Range(0, 1024).Select(_ => new LinkEstimate(20e6 + (random.NextDouble() * 600e6), 1 + (random.NextDouble() * 10), 10)).ToArray();
        _costs = new ConstantSwitchCost(150);
    }

    /// <summary>One decision with a link estimate and switch costs, for a rotating threshold, link and current configuration.</summary>
    [Benchmark]
    public Configuration Decide()
    {
        var i = _next++ & 1023;
        return _scheduler.Select(new SchedulingContext(new InferenceRequest(_thresholds[i]), _current[i], TimeSpan.Zero, _links[i], _costs));
    }

    /// <summary>The same without a link estimate or switch costs (the published rule's inputs).</summary>
    [Benchmark]
    public Configuration DecideWithoutLink()
    {
        var i = _next++ & 1023;
        return _scheduler.Select(new SchedulingContext(new InferenceRequest(_thresholds[i])));
    }
}
