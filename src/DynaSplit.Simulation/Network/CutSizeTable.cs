using DynaSplit.Scheduling;

namespace DynaSplit.Simulation.Network;

/// <summary>Adds cut sizes to a lookup table whose entries were measured without them (as the artifact's pools were).</summary>
public static class CutSizeTable
{
    /// <summary>A copy of <paramref name="table"/> whose entries say how many bytes they send, from <paramref name="sizes"/>.</summary>
    public static LookupTable WithCutSizes(LookupTable table, CutSizes sizes)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(sizes);
        return new LookupTable(table.Space, table.Objectives, table.Entries.Select(e =>
            new LookupEntry(e.Configuration, e.LatencyMs, e.EnergyJ, e.Accuracy)
            {
                Objectives = e.Objectives,
                Latency = e.Latency,
                Energy = e.Energy,
                Stages = e.Stages,
                TransferredBytes = e.TransferredBytes ?? sizes.BytesOf(e.Configuration),
                KeptFor = e.KeptFor,
            }));
    }
}
