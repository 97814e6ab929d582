using BenchmarkDotNet.Attributes;
using DynaSplit.Objectives;
using DynaSplit.Scheduling;
using DynaSplit.Spaces;

namespace DynaSplit.Benchmarks.Scheduling;

/// <summary>
/// The online decision and the table load of issue 2: the scheduler over a 1,000-entry table must be
/// allocation-free and well under a microsecond; loading a 1,000-entry table must take under 10 ms.
/// </summary>
[MemoryDiagnoser]
public class SchedulerBenchmarks
{
    private DynaSplitScheduler _scheduler = null!;
    private double[] _thresholds = null!;
    private byte[] _tableJson = null!;
    private int _next;

    [GlobalSetup]
    public void Setup()
    {
        var table = CreateTable(1000, seed: 1);
        _scheduler = new DynaSplitScheduler(table);
        var random = new Random(2);
        _thresholds = Enumerable.Range(0, 1024).Select(_ => 50 + (random.NextDouble() * 5000)).ToArray();
        using var stream = new MemoryStream();
        LookupTableJson.Write(table, stream);
        _tableJson = stream.ToArray();
    }

    /// <summary>One decision for a threshold from a rotating set (so no branch pattern is learned).</summary>
    [Benchmark]
    public LookupEntry Decide() => _scheduler.SelectEntry(_thresholds[_next++ & 1023]);

    /// <summary>Parse a 1,000-entry table from its JSON bytes.</summary>
    [Benchmark]
    public LookupTable LoadTable() => LookupTableJson.Read(_tableJson);

    /// <summary>A 1,000-entry table over a space with the paper's four parameters and a thread knob.</summary>
    internal static LookupTable CreateTable(int entries, int seed)
    {
        var space = new ConfigurationSpace(
        [
            new OrdinalParameter("cpu-freq", [600, 800, 1000, 1200, 1400, 1600, 1800], ParameterRole.EdgeCpuFrequency, "MHz"),
            new IntegerParameter("layer", 0, 99, 1, ParameterRole.SplitPoint),
            new CategoricalParameter("edge-accelerator", ["off", "std", "max"], ParameterRole.EdgeAccelerator),
            new CategoricalParameter("server-accelerator", ["False", "True"], ParameterRole.CloudAccelerator),
            new IntegerParameter("threads", 1, 4, 1, ParameterRole.Threads),
        ]);
        var random = new Random(seed);
        var configurations = space.ValidConfigurations.OrderBy(_ => random.Next()).Take(entries);
        return new LookupTable(space, WellKnownObjectives.LatencyEnergyAccuracy, configurations.Select(c =>
            new LookupEntry(c, 50 + (random.NextDouble() * 5000), random.NextDouble() * 70, 0.5 + (random.NextDouble() * 0.2))));
    }
}
