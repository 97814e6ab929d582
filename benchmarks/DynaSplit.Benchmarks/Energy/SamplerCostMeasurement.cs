using System.Diagnostics;
using System.Globalization;
using DynaSplit.Energy;
using DynaSplit.Energy.Ina;

namespace DynaSplit.Benchmarks.Energy;

/// <summary>
/// Measures what the power sampler costs at 1 kHz: the process CPU time spent while a window is open over an INA226
/// hwmon fixture (a real file read per sample), minus the CPU time of the same wall time with no window, as a share
/// of one core. Run: dotnet run -c Release --project benchmarks/DynaSplit.Benchmarks -- sampler-cost [seconds] [interval-ms]
/// </summary>
internal static class SamplerCostMeasurement
{
    public static async Task<int> RunAsync(string[] args)
    {
        var seconds = args.Length > 1 ? double.Parse(args[1], CultureInfo.InvariantCulture) : 5;
        var intervalMs = args.Length > 2 ? double.Parse(args[2], CultureInfo.InvariantCulture) : 1;
        var root = Path.Combine(Path.GetTempPath(), "dynasplit-sampler-cost-" + Environment.ProcessId);
        var hwmon = Path.Combine(root, "class", "hwmon", "hwmon0");
        Directory.CreateDirectory(hwmon);
        File.WriteAllText(Path.Combine(hwmon, "name"), "ina226\n");
        File.WriteAllText(Path.Combine(hwmon, "power1_input"), "4500000\n");
        File.WriteAllText(Path.Combine(hwmon, "update_interval"), "1\n");
        try
        {
            var meter = new InaHwmonMeter("ina", new InaHwmonMeterOptions { SysfsRoot = root, SamplingInterval = TimeSpan.FromMilliseconds(intervalMs) });
            await (await meter.StartAsync(CancellationToken.None)).StopAsync(CancellationToken.None); // warm up (JIT)

            var results = new List<(double Baseline, double Window, double Rate)>();
            for (var round = 0; round < 3; round++)
            {
                var baseline = CpuOver(seconds, () => Thread.Sleep(TimeSpan.FromSeconds(seconds)));
                EnergyReading? reading = null;
                var window = CpuOver(seconds, () =>
                {
                    var w = meter.StartAsync(CancellationToken.None).AsTask().GetAwaiter().GetResult();
                    Thread.Sleep(TimeSpan.FromSeconds(seconds));
                    reading = w.StopAsync(CancellationToken.None).AsTask().GetAwaiter().GetResult();
                });
                var rate = reading!.SampleCount / reading.Duration.TotalSeconds;
                results.Add((baseline, window, rate));
                Console.WriteLine(FormattableString.Invariant(
                    $"round {round + 1}: idle process {baseline * 100:0.000}% of a core, with sampler {window * 100:0.000}%, sampler cost {(window - baseline) * 100:0.000}% of one core at {rate:0} samples/s ({reading.SampleCount} samples, {reading.Joules:0.000} J over {reading.Duration.TotalSeconds:0.000} s)"));
            }

            var cost = results.Select(r => r.Window - r.Baseline).Order().ElementAt(1);
            Console.WriteLine(FormattableString.Invariant(
                $"median sampler cost: {cost * 100:0.000}% of one core at {results.Select(r => r.Rate).Average():0} samples/s (interval {intervalMs} ms, {seconds} s windows, {Environment.ProcessorCount} cores)"));
            return 0;
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    private static double CpuOver(double seconds, Action action)
    {
        var process = Process.GetCurrentProcess();
        process.Refresh();
        var cpu0 = process.TotalProcessorTime;
        var wall = Stopwatch.StartNew();
        action();
        process.Refresh();
        return (process.TotalProcessorTime - cpu0).TotalSeconds / wall.Elapsed.TotalSeconds;
    }
}
