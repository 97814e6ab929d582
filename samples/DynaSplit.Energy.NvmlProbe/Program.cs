// Measures the NVML energy of fixed windows: an idle window, then (optionally) a window while a command keeps the
// GPU busy. Each window is measured twice at once: by the total energy counter and by 20 ms power sampling.
// Usage: DynaSplit.Energy.NvmlProbe [seconds=2] ["busy command"] [warm-up seconds=3]
using System.Diagnostics;
using System.Globalization;
using DynaSplit.Energy;
using DynaSplit.Energy.Nvml;
using Microsoft.Extensions.Logging;

var seconds = args.Length > 0 ? double.Parse(args[0], CultureInfo.InvariantCulture) : 2.0;
var busyCommand = args.Length > 1 && args[1].Length > 0 ? args[1] : null;
var warmUp = args.Length > 2 ? double.Parse(args[2], CultureInfo.InvariantCulture) : 3.0;
using var loggerFactory = LoggerFactory.Create(b => b.AddSimpleConsole(o => o.SingleLine = true));

using var counter = new NvmlMeter("nvml-counter", new NvmlMeterOptions { Mode = NvmlMeasurementMode.EnergyCounter, DeviceIndices = [0] }, loggerFactory.CreateLogger<NvmlMeter>());
using var sampled = new NvmlMeter("nvml-sampled", new NvmlMeterOptions { Mode = NvmlMeasurementMode.PowerSampling, DeviceIndices = [0], PowerSamplingInterval = TimeSpan.FromMilliseconds(20) }, loggerFactory.CreateLogger<NvmlMeter>());
Console.WriteLine($"counter meter: available={counter.Availability.IsAvailable} reason={counter.Availability.Reason} gpus={string.Join(", ", counter.Gpus)}");
Console.WriteLine($"sampled meter: available={sampled.Availability.IsAvailable} reason={sampled.Availability.Reason}");
if (!counter.Availability.IsAvailable && !sampled.Availability.IsAvailable)
{
    return 2;
}

await Measure("idle", seconds, null);
if (busyCommand is not null)
{
    await Measure("busy", seconds, busyCommand);
}

return 0;

async Task Measure(string label, double windowSeconds, string? command)
{
    Process? busy = null;
    if (command is not null)
    {
        busy = Process.Start(new ProcessStartInfo("/bin/sh", ["-c", command]) { UseShellExecute = false });
        await Task.Delay(TimeSpan.FromSeconds(warmUp)); // let the load reach the GPU before the window opens
        if (busy is null || busy.HasExited)
        {
            Console.WriteLine($"{label}: busy command exited early (code {busy?.ExitCode}); skipped.");
            return;
        }
    }

    var windows = new List<(string Name, IEnergyWindow Window)>();
    foreach (var meter in new IEnergyMeter[] { counter, sampled }.Where(m => m.Availability.IsAvailable))
    {
        windows.Add((meter.Name, await meter.StartAsync(CancellationToken.None)));
    }

    var wall = Stopwatch.StartNew();
    Thread.Sleep(TimeSpan.FromSeconds(windowSeconds));
    foreach (var (name, window) in windows)
    {
        var reading = await window.StopAsync(CancellationToken.None);
        Console.WriteLine(FormattableString.Invariant(
            $"{label} window via {name}: {reading.Joules:0.000} J over {reading.Duration.TotalSeconds:0.0000} s = {reading.MeanWatts:0.00} W mean, {reading.SampleCount} samples, {reading.Kind}"));
        await window.DisposeAsync();
    }

    Console.WriteLine(FormattableString.Invariant($"{label}: wall {wall.Elapsed.TotalSeconds:0.000} s"));
    if (busy is not null)
    {
        busy.Kill(entireProcessTree: true);
        busy.WaitForExit();
    }
}
