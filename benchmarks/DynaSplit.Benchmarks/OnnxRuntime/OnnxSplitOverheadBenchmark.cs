using BenchmarkDotNet.Attributes;
using DynaSplit.Execution;
using DynaSplit.OnnxRuntime.Execution;
using DynaSplit.OnnxRuntime.Planning;
using DynaSplit.OnnxRuntime.Verification;

namespace DynaSplit.Benchmarks.OnnxRuntime;

/// <summary>
/// SqueezeNet 1.1, batch 1: the whole model in one session versus head then tail in process (target: at most
/// 2 % more, median). Both paths copy the input in and the output out the same way.
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
public class OnnxSplitOverheadBenchmark
{
    private OnnxWholeModelRunner _whole = null!;
    private OnnxSplitExecutor _executor = null!;
    private IReadOnlyList<TensorData> _inputs = null!;
    private OnnxRuntimeSessionSettings _settings = null!;

    /// <summary>The split point: 18 = after the second MaxPool (a single tensor), 33 = mid-network.</summary>
    [Params(18, 33)]
    public int SplitIndex { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Models", "squeezenet1_1.onnx");
        var model = OnnxSplitModel.Load(path);
        _settings = new OnnxRuntimeSessionSettings(IntraOpThreads: 1);
        _whole = new OnnxWholeModelRunner(model, _settings);
        _executor = new OnnxSplitExecutor(model);
        _executor.Warm(SplitIndex, _settings);
        _inputs = OnnxInputGenerator.Create(model.Plan.Inputs, null, seed: 0);
    }

    [Benchmark(Baseline = true)]
    public IReadOnlyList<TensorData> WholeModel() => _whole.Run(_inputs);

    [Benchmark]
    public IReadOnlyList<TensorData> HeadThenTail() => _executor.Run(SplitIndex, _inputs, _settings).Outputs;

    [GlobalCleanup]
    public void Cleanup()
    {
        _whole.Dispose();
        _executor.Dispose();
    }
}
