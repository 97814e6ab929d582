using DynaSplit.OnnxRuntime.Extraction;
using Microsoft.ML.OnnxRuntime;

namespace DynaSplit.OnnxRuntime.Execution;

/// <summary>A (non-empty) segment and the ONNX Runtime session that runs it.</summary>
internal sealed class SegmentSession(OnnxSegment segment, InferenceSession session) : IDisposable
{
    public OnnxSegment Segment { get; } = segment;

    public InferenceSession Session { get; } = session;

    public void Dispose() => Session.Dispose();
}
