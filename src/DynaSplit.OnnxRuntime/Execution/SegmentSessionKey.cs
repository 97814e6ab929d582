namespace DynaSplit.OnnxRuntime.Execution;

/// <summary>What a cached session is for: a segment of the model and the session settings.</summary>
internal readonly record struct SegmentSessionKey(int FromCut, int ToCut, OnnxRuntimeSessionSettings Settings);
