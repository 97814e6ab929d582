using BenchmarkDotNet.Running;

// Run all benchmarks, or pick with --filter, for example: dotnet run -c Release -- --filter '*Scheduler*'
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
