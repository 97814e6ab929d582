namespace DynaSplit.Energy;

/// <summary>Chooses the meter that measures this machine from those a host registered.</summary>
public static class EnergyMeterSelection
{
    /// <summary>
    /// Every available measuring meter (sensors, counters) combined into one named <paramref name="name"/>; when none is
    /// available, the first available estimating meter (a power model, whose readings are labelled estimated).
    /// </summary>
    /// <exception cref="InvalidOperationException">No meter is available; the message gives each meter's reason.</exception>
    public static IEnergyMeter ChooseLocal(IEnumerable<IEnergyMeter> meters, string name = "edge")
    {
        ArgumentNullException.ThrowIfNull(meters);
        var all = meters.ToList();
        var measured = all.Where(m => m.Availability.IsAvailable && m.Kind == EnergyReadingKind.Measured).ToList();
        if (measured.Count > 0)
        {
            return measured.Count == 1 ? measured[0] : new CompositeEnergyMeter(name, measured);
        }

        return all.FirstOrDefault(m => m.Availability.IsAvailable)
            ?? throw new InvalidOperationException(all.Count == 0
                ? "No energy meter is registered: add one (for example AddInaHwmonMeter(), AddRaplMeter(), or AddEstimatedEnergyMeter(...) for a labelled estimate) on the DynaSplit builder."
                : $"No registered energy meter is available here: {string.Join("; ", all.Select(m => $"{m.Name}: {m.Availability.Reason}"))}. Add AddEstimatedEnergyMeter(...) for a labelled estimate.");
    }
}
