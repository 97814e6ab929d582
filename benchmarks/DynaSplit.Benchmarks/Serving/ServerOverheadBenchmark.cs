using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using BenchmarkDotNet.Attributes;
using DynaSplit.Execution;
using DynaSplit.OnnxRuntime.Execution;
using DynaSplit.OnnxRuntime.Planning;
using DynaSplit.OnnxRuntime.Verification;
using DynaSplit.OpenInference.Transport;
using DynaSplit.Serving;
using DynaSplit.Topology;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace DynaSplit.Benchmarks.Serving;

/// <summary>
/// The server's per-request cost on loopback for a small tail of SqueezeNet 1.1 (conv10 and the classifier, from the
/// last cut whose tensor is 64..400 KiB): one operation is <see cref="Concurrency"/> requests sent at once, through
/// ModelInfer to the server in this process (Kestrel on 127.0.0.1, one gRPC channel), against the same ONNX Runtime
/// stage runner (same sessions and settings) called in process (baseline). Besides BenchmarkDotNet's table (time per
/// operation, so throughput = Concurrency / mean), each case prints the median and p99 of its single requests'
/// latencies at cleanup. Run: dotnet DynaSplit.Benchmarks.dll --filter '*ServerOverhead*' --job short --inProcess.
/// </summary>
[MedianColumn]
public class ServerOverheadBenchmark
{
    private readonly ConcurrentQueue<double> _latencies = new();
    private WebApplication? _app;
    private OnnxStageRunner? _runner;
    private OpenInferenceStageTransport? _transport;
    private StageRequest _request = null!;
    private long _started;

    /// <summary>Requests in flight at once.</summary>
    [Params(1, 8, 64)]
    public int Concurrency { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Models", "squeezenet1_1.onnx");
        var model = OnnxSplitModel.Load(path);
        var last = model.Plan.EdgeOnlyIndex;
        var cut = model.Plan.SplitPoints.Where(p => p.Index > 0 && p.Index < last && p.BytesPerSample is >= 64 * 1024 and <= 400 * 1024).Max(p => p.Index);
        // One runner, one intra-op thread per session, shared by the server and the in-process baseline.
        _runner = new OnnxStageRunner(model, new OnnxRuntimeOptions { IntraOpThreads = 1 });
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0, l => l.Protocols = HttpProtocols.Http2));
        builder.Services.AddSingleton<IStageRunner>(_runner);
        builder.Services.AddDynaSplitServing(o =>
        {
            o.ModelPath = path;
            o.MaxConcurrency = Environment.ProcessorCount;
            o.MaxQueue = 256;
            o.WarmCuts = [cut];
        });
        _app = builder.Build();
        _app.MapOpenInference();
        _app.StartAsync().GetAwaiter().GetResult();
        var address = new Uri(_app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        _transport = new OpenInferenceStageTransport(new OpenInferenceTransportOptions { Endpoint = address, Model = "squeezenet1_1", MaxRetries = 0 });
        var inputs = OnnxInputGenerator.Create(model.Plan.Inputs, null, seed: 0);
        var head = _runner.Run(0, cut, inputs, _runner.ResolveSettings(null)).Outputs;
        _request = new StageRequest(new PlacementStage(1, TierNames.Cloud, cut, last), head, StageSettings.Default);
        if (!_transport.IsReadyAsync(TimeSpan.FromSeconds(30), CancellationToken.None).GetAwaiter().GetResult())
        {
            throw new InvalidOperationException("The loopback server did not become ready.");
        }

        _transport.ExecuteAsync(_request, CancellationToken.None).AsTask().GetAwaiter().GetResult();
        Console.WriteLine($"// ServerOverheadBenchmark: tail from cut {cut} of {last}, {TensorData.TotalBytes(head)} bytes in");
    }

    [Benchmark(Baseline = true)]
    public Task InProcess() => RunAsync(() =>
    {
        _runner!.RunAsync(_request, CancellationToken.None).AsTask().GetAwaiter().GetResult();
        return Task.CompletedTask;
    });

    [Benchmark]
    public Task ModelInfer() => RunAsync(async () => await _transport!.ExecuteAsync(_request with { Deadline = DateTimeOffset.UtcNow.AddSeconds(60) }, CancellationToken.None).ConfigureAwait(false));

    [GlobalCleanup]
    public void Cleanup()
    {
        var sorted = _latencies.Order().ToArray();
        if (sorted.Length > 0)
        {
            var seconds = Stopwatch.GetElapsedTime(_started).TotalSeconds;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"// ServerOverheadBenchmark concurrency {Concurrency}: {sorted.Length} requests, per request median {Percentile(sorted, 50):0.000} ms, p99 {Percentile(sorted, 99):0.000} ms (all iterations, warm-up included)"));
        }

        _latencies.Clear();
        _started = 0;
        _transport?.Dispose();
        _app?.StopAsync().GetAwaiter().GetResult();
        _app?.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _runner?.Dispose();
    }

    private async Task RunAsync(Func<Task> one)
    {
        if (_started == 0)
        {
            _started = Stopwatch.GetTimestamp();
        }

        var tasks = new Task[Concurrency];
        for (var i = 0; i < tasks.Length; i++)
        {
            // Timed from submission, so a request waiting for a thread (in process) or in the server's queue counts.
            var start = Stopwatch.GetTimestamp();
            tasks[i] = Task.Run(async () =>
            {
                await one().ConfigureAwait(false);
                _latencies.Enqueue(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
            });
        }

        await Task.WhenAll(tasks).ConfigureAwait(false);
    }

    private static double Percentile(double[] sorted, double percent) => sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(percent / 100 * sorted.Length) - 1)];
}
