namespace DynaSplit.Energy;

/// <summary>An open measurement window. Stop it to get the reading; disposing without stopping discards it.</summary>
public interface IEnergyWindow : IAsyncDisposable
{
    /// <summary>Closes the window and returns its energy.</summary>
    /// <exception cref="InvalidOperationException">The sensor disappeared or failed during the window: no figure is better than a wrong one.</exception>
    ValueTask<EnergyReading> StopAsync(CancellationToken cancellationToken);
}
