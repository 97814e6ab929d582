using BenchmarkDotNet.Attributes;
using DynaSplit.Energy;
using DynaSplit.Energy.Ina;

namespace DynaSplit.Benchmarks.Energy;

/// <summary>The cost of one sample: reading an INA226 hwmon power1_input file and one trapezoid step.</summary>
[MemoryDiagnoser]
[ShortRunJob]
public class PowerSampleBenchmarks
{
    private readonly double[] _watts = new double[1];
    private string _root = null!;
    private InaSysfsPowerSensor _sensor = null!;
    private TrapezoidIntegrator _integrator = null!;
    private long _t;

    [GlobalSetup]
    public void Setup()
    {
        _root = Path.Combine(Path.GetTempPath(), "dynasplit-sample-bench-" + Environment.ProcessId);
        var hwmon = Path.Combine(_root, "class", "hwmon", "hwmon0");
        Directory.CreateDirectory(hwmon);
        File.WriteAllText(Path.Combine(hwmon, "name"), "ina226\n");
        File.WriteAllText(Path.Combine(hwmon, "power1_input"), "4500000\n");
        _sensor = new InaSysfsPowerSensor("ina", InaDiscovery.Discover(_root));
        _integrator = new TrapezoidIntegrator(1, 1_000_000);
    }

    [GlobalCleanup]
    public void Cleanup() => Directory.Delete(_root, recursive: true);

    [Benchmark]
    public double ReadAndIntegrate()
    {
        _sensor.ReadWatts(_watts);
        _integrator.Add(_t += 1000, _watts);
        return _watts[0];
    }
}
