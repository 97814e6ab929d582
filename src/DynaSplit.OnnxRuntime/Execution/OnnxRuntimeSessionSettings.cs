using Microsoft.ML.OnnxRuntime;

namespace DynaSplit.OnnxRuntime.Execution;

/// <summary>
/// How an ONNX Runtime session is created: execution provider, thread counts, graph optimization level. Equal
/// settings share cached sessions.
/// </summary>
/// <param name="ExecutionProvider">An execution provider the installed runtime reports (OrtEnv.GetAvailableProviders), for example CPUExecutionProvider or CUDAExecutionProvider.</param>
/// <param name="IntraOpThreads">Threads inside one operator; 0 lets ONNX Runtime choose (one per physical core).</param>
/// <param name="InterOpThreads">Threads across operators (only with parallel execution); 0 lets ONNX Runtime choose.</param>
/// <param name="OptimizationLevel">The graph optimization level.</param>
public sealed record OnnxRuntimeSessionSettings(
    string ExecutionProvider = OnnxRuntimeSessionSettings.CpuProvider,
    int IntraOpThreads = 0,
    int InterOpThreads = 0,
    GraphOptimizationLevel OptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL)
{
    /// <summary>The CPU execution provider's name.</summary>
    public const string CpuProvider = "CPUExecutionProvider";

    private const string ProviderSuffix = "ExecutionProvider";

    /// <summary>
    /// The full name of an execution provider given by its full name (CUDAExecutionProvider) or its short name as a
    /// configuration label may have it (CUDA, cpu): short names get the suffix, and the CPU provider's any casing.
    /// </summary>
    public static string NormalizeProvider(string provider)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(provider);
        if (string.Equals(provider, "cpu", StringComparison.OrdinalIgnoreCase) || string.Equals(provider, CpuProvider, StringComparison.OrdinalIgnoreCase))
        {
            return CpuProvider;
        }

        return provider.EndsWith(ProviderSuffix, StringComparison.Ordinal) ? provider : provider + ProviderSuffix;
    }

    /// <summary>The most threads of either kind a session may ask for: four per processor of this host, and at least 64.</summary>
    public static int MaxThreads => Math.Max(64, 4 * Environment.ProcessorCount);

    /// <summary>Creates session options for these settings.</summary>
    /// <exception cref="NotSupportedException">The provider is not one the installed runtime offers or this library knows how to append.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A thread count is negative or above <see cref="MaxThreads"/>.</exception>
    public SessionOptions CreateSessionOptions()
    {
        if (IntraOpThreads < 0 || IntraOpThreads > MaxThreads)
        {
            throw new ArgumentOutOfRangeException(nameof(IntraOpThreads), IntraOpThreads, $"Intra-op threads = {IntraOpThreads}: give 0 (ONNX Runtime chooses) to {MaxThreads} (four per processor of this host).");
        }

        if (InterOpThreads < 0 || InterOpThreads > MaxThreads)
        {
            throw new ArgumentOutOfRangeException(nameof(InterOpThreads), InterOpThreads, $"Inter-op threads = {InterOpThreads}: give 0 (ONNX Runtime chooses) to {MaxThreads} (four per processor of this host).");
        }

        var options = new SessionOptions
        {
            GraphOptimizationLevel = OptimizationLevel,
            IntraOpNumThreads = IntraOpThreads,
            InterOpNumThreads = InterOpThreads,
            // Fatal only: every error ONNX Runtime logs also reaches the caller as an exception with the same
            // message, and its own log lines are coloured escape sequences on stderr.
            LogSeverityLevel = OrtLoggingLevel.ORT_LOGGING_LEVEL_FATAL,
        };
        try
        {
            var available = OrtEnv.Instance().GetAvailableProviders();
            if (!available.Contains(ExecutionProvider, StringComparer.Ordinal))
            {
                throw new NotSupportedException($"Execution provider '{ExecutionProvider}' is not in this ONNX Runtime build; it offers: {string.Join(", ", available)}.");
            }

            switch (ExecutionProvider)
            {
                case CpuProvider:
                    break;
                case "CUDAExecutionProvider":
                    options.AppendExecutionProvider_CUDA(0);
                    break;
                case "TensorrtExecutionProvider":
                    options.AppendExecutionProvider_Tensorrt(0);
                    break;
                case "DnnlExecutionProvider":
                    options.AppendExecutionProvider_Dnnl(1);
                    break;
                case "ROCMExecutionProvider":
                    options.AppendExecutionProvider_ROCm(0);
                    break;
                default:
                    var shortName = ExecutionProvider.EndsWith(ProviderSuffix, StringComparison.Ordinal) ? ExecutionProvider[..^ProviderSuffix.Length] : ExecutionProvider;
                    options.AppendExecutionProvider(shortName, new Dictionary<string, string>());
                    break;
            }

            return options;
        }
        catch
        {
            options.Dispose();
            throw;
        }
    }
}
