using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using System.Text.RegularExpressions;
using BenchmarkDotNet.Attributes;
using DynaSplit.Execution;
using DynaSplit.OnnxRuntime.Planning;
using DynaSplit.OpenInference.Transport;
using DynaSplit.Planning;
using DynaSplit.Serving.Tests.Networking;
using DynaSplit.Topology;

namespace DynaSplit.Benchmarks.Serving;

/// <summary>
/// A cut tensor of 1 MB and of 20 MB over a link shaped to 50 Mbit/s (tbf on a veth pair into a network namespace,
/// the server `dynasplit serve` started inside it): the Open Inference transport's ModelInfer against plain TCP moving
/// the same bytes on the same link (baseline), side by side (target: ratio at most 1.03). Needs root; elsewhere the
/// setup fails with the reason and the benchmark is reported as not run. Run with --inProcess
/// (dotnet DynaSplit.Benchmarks.dll --filter '*ShapedLink*' --job short --inProcess).
/// </summary>
[MedianColumn]
public partial class ShapedLinkTransferBenchmark
{
    private const double RateMbit = 50;
    private ShapedLink? _link;
    private Process? _server;
    private PlainTcpTransfer? _tcp;
    private OpenInferenceStageTransport? _transport;
    private StageRequest _request = null!;
    private string? _directory;

    /// <summary>Bytes of the cut tensor.</summary>
    [Params(TransferModel.SmallBytes, TransferModel.LargeBytes)]
    public long Bytes { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        if (ShapedLink.Unavailable() is { } reason)
        {
            throw new InvalidOperationException($"ShapedLinkTransferBenchmark not run: {reason}.");
        }

        _link = ShapedLink.Create(RateMbit);
        _directory = Directory.CreateTempSubdirectory("dynasplit-bench-").FullName;
        var path = Path.Combine(_directory, TransferModel.Name + ".onnx");
        TransferModel.Write(path);
        var model = OnnxSplitModel.Load(path);
        var point = model.Plan.SplitPoints.First(p => p.Index > 0 && p.Index < model.Plan.EdgeOnlyIndex && p.BytesPerSample == Bytes);
        var grpc = StartServer(path, point.Index);
        _tcp = PlainTcpTransfer.Start(_link);
        _transport = new OpenInferenceStageTransport(new OpenInferenceTransportOptions { Endpoint = grpc, Model = TransferModel.Name, AttemptTimeout = TimeSpan.FromSeconds(60), DefaultTimeout = TimeSpan.FromSeconds(60) });
        var info = point.Tensors.Single();
        var data = new byte[Bytes];
        new Random(5).NextBytes(data);
        for (var i = 3; i < data.Length; i += 4)
        {
            data[i] &= 0x3F; // finite floats
        }

        _request = new StageRequest(new PlacementStage(1, TierNames.Cloud, point.Index, model.Plan.EdgeOnlyIndex), [new TensorData(info.Name, TensorElementType.Float, info.Shape, data)], StageSettings.Default);
        if (!_transport.IsReadyAsync(TimeSpan.FromSeconds(60), CancellationToken.None).GetAwaiter().GetResult())
        {
            throw new InvalidOperationException($"The server in {_link.Namespace} did not become ready.");
        }

        // Connection and JIT on both paths before the pilot stage.
        _tcp.SendAsync(Bytes).GetAwaiter().GetResult();
        OpenInference().GetAwaiter().GetResult();
    }

    [Benchmark(Baseline = true)]
    public Task<TimeSpan> PlainTcp() => _tcp!.SendAsync(Bytes);

    [Benchmark]
    public async Task<StageResult> OpenInference() =>
        await _transport!.ExecuteAsync(_request with { Deadline = DateTimeOffset.UtcNow.AddMinutes(1) }, CancellationToken.None).ConfigureAwait(false);

    [GlobalCleanup]
    public void Cleanup()
    {
        _transport?.Dispose();
        _tcp?.Dispose();
        if (_server is { HasExited: false })
        {
            _server.Kill(entireProcessTree: true);
            _server.WaitForExit(10_000);
        }

        _server?.Dispose();
        _link?.Dispose();
        if (_directory is not null)
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    private Uri StartServer(string modelPath, int cut)
    {
        var cli = typeof(ShapedLinkTransferBenchmark).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "CliPath").Value!;
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { cli, "serve", modelPath, "--host", _link!.InsideAddress.ToString(), "--port", "0", "--http-port", "-1", "--threads", "1", "--warm", cut.ToString(CultureInfo.InvariantCulture) })
        {
            start.ArgumentList.Add(argument);
        }

        _server = Process.Start(_link.Wrap(start)) ?? throw new InvalidOperationException("dotnet did not start.");
        _server.ErrorDataReceived += (_, _) => { };
        _server.BeginErrorReadLine();
        var line = _server.StandardOutput.ReadLineAsync();
        if (!line.Wait(TimeSpan.FromSeconds(120)) || line.Result is not { } first || Address().Match(first) is not { Success: true } match)
        {
            throw new InvalidOperationException($"dynasplit serve in {_link.Namespace} did not report its address.");
        }

        _ = _server.StandardOutput.ReadToEndAsync();
        return new Uri(match.Groups[1].Value);
    }

    [GeneratedRegex(@"grpc (\S+)")]
    private static partial Regex Address();
}
