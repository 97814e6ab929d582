using DynaSplit.Placements.Model;

namespace DynaSplit.Placements.Reference;

/// <summary>
/// The reference parameters of FIN's authors' code (Singhal et al., INFOCOM 2024, arXiv 2404.08060; MATLAB code
/// chetna-iitd/orchestrate_dynamic_DNN): the device, edge server and cloud server, and the three branchy networks
/// B-AlexNet, B-ResNet and B-LeNet. Units are converted to SI from the code's own.
/// </summary>
/// <remarks>
/// The code's capacity <c>c</c> ("TOPS") enters as <c>MOPs / (c x 1000)</c> seconds, that is <c>c x 10^9</c>
/// operations per second; link times are given per receiving tier in ns per bit, energies per tier in nJ per bit, a
/// cut from tier <c>a</c> to <c>b</c> costing <c>t[b]</c> per bit in time and <c>e[a] + e[b]</c> per bit in energy.
/// Features crossing a cut are 8-bit.
/// </remarks>
public static class FinReference
{
    /// <summary>The mobile device's name.</summary>
    public const string Device = "device";

    /// <summary>The edge server's name.</summary>
    public const string Edge = "edge";

    /// <summary>The cloud server's name.</summary>
    public const string Cloud = "cloud";

    private static readonly string[] TierNames = [Device, Edge, Cloud];
    private static readonly double[] CapacityCode = [11, 153.4, 312];
    private static readonly double[] PowerW = [6, 140, 400];
    private static readonly double[] NanosecondsPerBitInto = [10, 0.00178, 0.00022];
    private static readonly double[] NanojoulesPerBit = [30, 37, 12.6];

    /// <summary>The latency limits of the code's sweep, ms: 3..15 step 1.</summary>
    public static IReadOnlyList<double> LatencyGridMs { get; } = [.. Enumerable.Range(3, 13).Select(x => (double)x)];

    /// <summary>The accuracy floors of the code's sweep, percent: 10..85 step 5.</summary>
    public static IReadOnlyList<double> AccuracyGridPercent { get; } = [.. Enumerable.Range(0, 16).Select(x => 10.0 + (5 * x))];

    /// <summary>The latency limit of the paper's energy-against-accuracy figure, ms.</summary>
    public const double FigureLatencyMs = 5;

    /// <summary>The accuracy floor of the paper's energy-against-latency figure, percent.</summary>
    public const double FigureAccuracyPercent = 80;

    /// <summary>Device, edge server and cloud server with links device->edge, device->cloud and edge->cloud.</summary>
    public static TierTopology Topology { get; } = BuildTopology();

    /// <summary>B-AlexNet on CIFAR-10: 5 blocks, exits after blocks 1, 3, 5.</summary>
    public static EarlyExitProfile AlexNet { get; } = Profile(
        "B-AlexNet",
        [22.62, 6.711, 10.145, 19.201, 13.523],
        [27 * 27 * 256, 13 * 13 * 384, 13 * 13 * 384, 13 * 13 * 256],
        [1, 3, 5],
        [.. new[] { 51.94, 71.91, 79.19 }.Select(a => a * 85.95 / 79.19)]);

    /// <summary>B-ResNet: 5 blocks, exits after blocks 1, 3, 5.</summary>
    public static EarlyExitProfile ResNet { get; } = Profile(
        "B-ResNet",
        [0.7733, 1.0803, 1.0593, 3.5043, 11.7704],
        [32 * 32 * 16, 32 * 32 * 16, 8 * 8 * 64, 8 * 8 * 64],
        [1, 3, 5],
        [.. new[] { 32.86, 43.78, 79.17 }.Select(a => a * 93.70 / 79.17)]);

    /// <summary>B-LeNet: 3 blocks, exits after blocks 1 and 3.</summary>
    public static EarlyExitProfile LeNet { get; } = Profile(
        "B-LeNet",
        [0.1674, 0.04, 0.048],
        [10 * 10 * 16, 120],
        [1, 3],
        [93.59, 99.25]);

    /// <summary>The three reference networks.</summary>
    public static IReadOnlyList<EarlyExitProfile> Profiles { get; } = [AlexNet, ResNet, LeNet];

    /// <summary>A reference network by name ("b-alexnet", "alexnet", ...; case-insensitive), or null.</summary>
    public static EarlyExitProfile? FindProfile(string name) =>
        Profiles.FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase)
            || string.Equals(p.Name[2..], name, StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// The share of the edge and cloud capacity each network's users have together in the code's multi-application
    /// set-up (<c>resource_rate</c>): B-AlexNet 0.001, B-ResNet 0.01, B-LeNet 0.002.
    /// </summary>
    public static double ResourceRate(EarlyExitProfile profile)
    {
        ArgumentNullException.ThrowIfNull(profile);
        return profile.Name switch
        {
            "B-AlexNet" => 0.001,
            "B-ResNet" => 0.01,
            "B-LeNet" => 0.002,
            _ => throw new ArgumentException($"'{profile.Name}' is not one of FIN's reference networks ({string.Join(", ", Profiles.Select(p => p.Name))}).", nameof(profile)),
        };
    }

    /// <summary>
    /// The share of the edge and cloud capacity all users of a network get together in the reference code's
    /// multi-application set-up, as that code computes it: <see cref="ResourceRate"/> times 1000 (the code writes the
    /// shared capacity as <c>c x 1000 x resource_rate / users</c> in the unit where the single-application capacity is
    /// <c>c</c>), so one B-AlexNet user has the single-application capacity, one B-ResNet user ten times it.
    /// </summary>
    public static double MultiApplicationShare(EarlyExitProfile profile) => ResourceRate(profile) * 1000;

    private static TierTopology BuildTopology()
    {
        var tiers = Enumerable.Range(0, 3).Select(i => new ComputeTier(TierNames[i], CapacityCode[i] * 1e9, PowerW[i]));
        var links = new List<TierLink>();
        for (var a = 0; a < 3; a++)
        {
            for (var b = a + 1; b < 3; b++)
            {
                links.Add(new TierLink(TierNames[a], TierNames[b], 1e9 / NanosecondsPerBitInto[b], NanojoulesPerBit[a] * 1e-9, NanojoulesPerBit[b] * 1e-9));
            }
        }

        return new TierTopology(tiers, links);
    }

    private static EarlyExitProfile Profile(string name, double[] mops, int[] featureElements, int[] exitsAfter, double[] accuracies) =>
        new(
            name,
            mops.Select((m, i) => new ModelBlock(m * 1e6, i < featureElements.Length ? featureElements[i] * 8.0 : 0)),
            exitsAfter.Select((after, i) => new ModelExit(after, accuracies[i])));
}
