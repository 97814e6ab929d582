using ScottPlot;

namespace DynaSplit.Cli.Plotting;

/// <summary>The colours of every picture, so a strategy or a series looks the same everywhere.</summary>
internal static class Palette
{
    public static readonly Color Measured = Color.FromHex("#b8b8b8");
    public static readonly Color Exhaustive = Color.FromHex("#222222");
    public static readonly Color Found = Color.FromHex("#d95f02");
    public static readonly Color DynaSplit = Color.FromHex("#d95f02");
    public static readonly Color Baseline = Color.FromHex("#7570b3");
    public static readonly Color Oracle = Color.FromHex("#1b9e77");
    public static readonly Color Head = Color.FromHex("#1b9e77");
    public static readonly Color Transfer = Color.FromHex("#e6ab02");
    public static readonly Color Tail = Color.FromHex("#7570b3");
    public static readonly Color Bytes = Color.FromHex("#d95f02");
}
