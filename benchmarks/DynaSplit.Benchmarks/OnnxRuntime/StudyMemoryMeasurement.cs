using System.Diagnostics;
using System.Globalization;
using DynaSplit.OnnxRuntime.Execution;
using DynaSplit.OnnxRuntime.Planning;
using DynaSplit.OnnxRuntime.Verification;

namespace DynaSplit.Benchmarks.OnnxRuntime;

/// <summary>
/// Resident memory of a study-like loop: SqueezeNet split at every split point with 1 and 2 intra-op threads, in a
/// seeded random order, a few inferences per configuration, through <see cref="OnnxSplitExecutor"/> with a session
/// cache of the given capacity (0 = unbounded: a session pair per split and settings, never released). Run one
/// capacity per process, since the peak (VmHWM) is per process:
/// <c>dotnet run -c Release --project benchmarks/DynaSplit.Benchmarks -- study-memory 4</c>.
/// </summary>
internal static class StudyMemoryMeasurement
{
    public static int Run(string[] args)
    {
        var capacity = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : OnnxRuntimeOptions.DefaultSessionCacheCapacity;
        var repetitions = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 3;
        var path = Path.Combine(AppContext.BaseDirectory, "Models", "squeezenet1_1.onnx");
        var model = OnnxSplitModel.Load(path);
        var inputs = OnnxInputGenerator.Create(model.Plan.Inputs, null, seed: 0);
        var configurations = model.Plan.SplitPoints.SelectMany(p => new[] { 1, 2 }.Select(t => (p.Index, Threads: t))).ToArray();
        new Random(0).Shuffle(configurations);
        var baseline = Status("VmRSS");
        var stopwatch = Stopwatch.StartNew();
        using (var executor = new OnnxSplitExecutor(model, new OnnxRuntimeOptions { SessionCacheCapacity = capacity == 0 ? int.MaxValue : capacity }))
        {
            foreach (var (index, threads) in configurations)
            {
                var settings = new OnnxRuntimeSessionSettings(IntraOpThreads: threads);
                for (var i = 0; i < repetitions; i++)
                {
                    executor.Run(index, inputs, settings);
                }
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"capacity {(capacity == 0 ? "unbounded" : capacity.ToString(CultureInfo.InvariantCulture))}: {configurations.Length} configurations x {repetitions} inferences in {stopwatch.Elapsed.TotalSeconds:F1} s; sessions held at the end {executor.Runner.CachedSessionCount}"));
            Console.WriteLine($"RSS after loading the model {baseline}; at the end {Status("VmRSS")}; peak (VmHWM) {Status("VmHWM")}");
        }

        return 0;
    }

    private static string Status(string key) =>
        File.Exists("/proc/self/status")
            ? File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith(key + ":", StringComparison.Ordinal))?[(key.Length + 1)..].Trim() ?? "?"
            : "? (no /proc)";
}
