namespace DynaSplit.Energy;

/// <summary>Measuring around a delegate.</summary>
public static class EnergyMeterExtensions
{
    /// <summary>Measures the energy of <paramref name="work"/>.</summary>
    public static async ValueTask<EnergyReading> MeasureAsync(
        this IEnergyMeter meter, Func<CancellationToken, ValueTask> work, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(meter);
        ArgumentNullException.ThrowIfNull(work);
        var window = await meter.StartAsync(cancellationToken).ConfigureAwait(false);
        await using (window.ConfigureAwait(false))
        {
            await work(cancellationToken).ConfigureAwait(false);
            return await window.StopAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Measures the energy of <paramref name="work"/> and returns its result too.</summary>
    public static async ValueTask<(T Result, EnergyReading Energy)> MeasureAsync<T>(
        this IEnergyMeter meter, Func<CancellationToken, ValueTask<T>> work, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(meter);
        ArgumentNullException.ThrowIfNull(work);
        var window = await meter.StartAsync(cancellationToken).ConfigureAwait(false);
        await using (window.ConfigureAwait(false))
        {
            var result = await work(cancellationToken).ConfigureAwait(false);
            var energy = await window.StopAsync(cancellationToken).ConfigureAwait(false);
            return (result, energy);
        }
    }
}
