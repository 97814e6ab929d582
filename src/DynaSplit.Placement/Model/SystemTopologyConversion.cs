using DynaSplit.Topology;

namespace DynaSplit.Placements.Model;

/// <summary>Conversions between the multi-tier core's <see cref="SystemTopology"/> and the planners' <see cref="TierTopology"/>.</summary>
public static class SystemTopologyConversion
{
    /// <summary>
    /// The planners' view of a core topology. Every tier needs its <see cref="Tier.OperationsPerSecond"/> and
    /// <see cref="Tier.ActivePowerW"/>, every link its <see cref="Link.RateBitsPerSecond"/>; unknown energies per bit
    /// count as zero. Unknown links stay absent: blocks cannot hop over them.
    /// </summary>
    /// <exception cref="ArgumentException">A tier or link lacks a number the cost model needs; the message names it.</exception>
    public static TierTopology ToTierTopology(this SystemTopology topology)
    {
        ArgumentNullException.ThrowIfNull(topology);
        var tiers = topology.Tiers.Select(t => new ComputeTier(
            t.Name,
            t.OperationsPerSecond ?? throw new ArgumentException($"Tier '{t.Name}' has no OperationsPerSecond; model-based planners need every tier's compute capacity.", nameof(topology)),
            t.ActivePowerW ?? throw new ArgumentException($"Tier '{t.Name}' has no ActivePowerW; model-based planners need every tier's power.", nameof(topology))));
        var links = topology.Links.Select(l => new TierLink(
            l.From,
            l.To,
            l.RateBitsPerSecond ?? throw new ArgumentException($"Link {l} has no RateBitsPerSecond; model-based planners need every link's rate.", nameof(topology)),
            l.SenderJoulesPerBit ?? 0,
            l.ReceiverJoulesPerBit ?? 0));
        return new TierTopology(tiers, links);
    }

    /// <summary>The core's view of a planners' topology (for the pipeline and DynaSplit's other components).</summary>
    public static SystemTopology ToSystemTopology(this TierTopology topology)
    {
        ArgumentNullException.ThrowIfNull(topology);
        return new SystemTopology(
            topology.Tiers.Select(t => new Tier(t.Name) { OperationsPerSecond = t.OperationsPerSecond, ActivePowerW = t.ActivePowerW }),
            topology.Links.Select(l => new Link(l.From, l.To) { RateBitsPerSecond = l.RateBitsPerSecond, SenderJoulesPerBit = l.SenderJoulesPerBit, ReceiverJoulesPerBit = l.ReceiverJoulesPerBit }));
    }
}
