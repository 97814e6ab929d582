namespace DynaSplit.Cli.Commands;

/// <summary>What <c>profile --json</c> prints and <c>plot</c> reads back.</summary>
/// <param name="Command">"profile".</param>
/// <param name="Parameters">The options the run used.</param>
/// <param name="Model">The model's path.</param>
/// <param name="SplitPoints">Each split point's medians.</param>
internal sealed record ProfileReport(string Command, ProfileParameters Parameters, string Model, IReadOnlyList<ProfileReport.Point> SplitPoints)
{
    /// <summary>One split point's medians.</summary>
    public sealed record Point(int Index, double HeadMs, double TailMs, double HandoffMs, long CutBytes, bool SingleTensor);
}

/// <summary>The options a profile run used, defaults included.</summary>
internal sealed record ProfileParameters(string Model, IReadOnlyDictionary<string, long> Dimensions, int Warmup, int Repetitions, int Threads);
