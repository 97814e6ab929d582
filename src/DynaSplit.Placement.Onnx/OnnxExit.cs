namespace DynaSplit.Placements.Onnx;

/// <summary>An exit of an ONNX early-exit network: the graph output it produces and the accuracy it reaches.</summary>
/// <param name="Output">The graph output's name.</param>
/// <param name="AccuracyPercent">The exit's accuracy, percent (measured by the user on their data).</param>
public sealed record OnnxExit(string Output, double AccuracyPercent);
