namespace DynaSplit.OnnxRuntime.Knobs;

/// <summary>
/// The ONNX Runtime settings the software knobs set and the split executor reads for requests whose
/// configuration does not name them: the execution provider and the intra-op thread count. One per host.
/// </summary>
public sealed class OnnxRuntimeKnobState
{
    private readonly Lock _lock = new();
    private string _executionProvider;
    private int _intraOpThreads;

    /// <summary>Creates the state with the host's configured values.</summary>
    public OnnxRuntimeKnobState(string executionProvider, int intraOpThreads)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(executionProvider);
        ArgumentOutOfRangeException.ThrowIfNegative(intraOpThreads);
        _executionProvider = executionProvider;
        _intraOpThreads = intraOpThreads;
    }

    /// <summary>The execution provider new inferences use.</summary>
    public string ExecutionProvider
    {
        get
        {
            lock (_lock)
            {
                return _executionProvider;
            }
        }

        set
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(value);
            lock (_lock)
            {
                _executionProvider = value;
            }
        }
    }

    /// <summary>The intra-op thread count new inferences use (0 = ONNX Runtime's default).</summary>
    public int IntraOpThreads
    {
        get
        {
            lock (_lock)
            {
                return _intraOpThreads;
            }
        }

        set
        {
            ArgumentOutOfRangeException.ThrowIfNegative(value);
            lock (_lock)
            {
                _intraOpThreads = value;
            }
        }
    }
}
