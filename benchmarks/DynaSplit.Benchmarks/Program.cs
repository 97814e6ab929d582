using BenchmarkDotNet.Running;

// Run all benchmarks, or pick with --filter, for example: dotnet run -c Release -- --filter '*Scheduler*'
// Measurement tools that are not BenchmarkDotNet benchmarks take a verb: sampler-cost [seconds] [interval-ms],
// study-memory [session-cache-capacity, 0 = unbounded] [inferences per configuration].
if (args.Length > 0 && args[0] == "sampler-cost")
{
    return await DynaSplit.Benchmarks.Energy.SamplerCostMeasurement.RunAsync(args);
}

if (args.Length > 0 && args[0] == "study-memory")
{
    return DynaSplit.Benchmarks.OnnxRuntime.StudyMemoryMeasurement.Run(args);
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;
