namespace DynaSplit.Energy;

/// <summary>
/// Measures the energy of a window of work: a power sensor sampled and integrated (INA219/INA226/INA3221),
/// an energy counter read at both ends (RAPL, NVML), or a power model.
/// </summary>
public interface IEnergyMeter
{
    /// <summary>The meter's name (for example "ina3221:VDD_IN" or "rapl:package-0").</summary>
    string Name { get; }

    /// <summary>Whether the meter can measure here. Registration never throws for an absent sensor; this says so.</summary>
    EnergyMeterAvailability Availability { get; }

    /// <summary>What its readings are: <see cref="EnergyReadingKind.Measured"/> for a sensor or counter (the default), <see cref="EnergyReadingKind.Estimated"/> for a power model.</summary>
    EnergyReadingKind Kind => EnergyReadingKind.Measured;

    /// <summary>Starts a measurement window.</summary>
    /// <exception cref="InvalidOperationException">The meter is not available; the message says why.</exception>
    ValueTask<IEnergyWindow> StartAsync(CancellationToken cancellationToken);
}
