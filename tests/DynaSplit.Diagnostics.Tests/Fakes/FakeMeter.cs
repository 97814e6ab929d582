using DynaSplit.Energy;

namespace DynaSplit.Diagnostics.Tests.Fakes;

/// <summary>A meter that is available or not, and whose windows read a fixed energy or fail when stopped.</summary>
internal sealed class FakeMeter(string name, string? unavailable = null, string? stopFailure = null) : IEnergyMeter
{
    public string Name { get; } = name;

    public int Windows { get; private set; }

    public EnergyMeterAvailability Availability => unavailable is null ? EnergyMeterAvailability.Available : EnergyMeterAvailability.Unavailable(unavailable);

    public ValueTask<IEnergyWindow> StartAsync(CancellationToken cancellationToken)
    {
        if (unavailable is not null)
        {
            throw new InvalidOperationException($"{Name} is unavailable: {unavailable}");
        }

        Windows++;
        return ValueTask.FromResult<IEnergyWindow>(new Window(Name, stopFailure));
    }

    private sealed class Window(string name, string? stopFailure) : IEnergyWindow
    {
        public ValueTask<EnergyReading> StopAsync(CancellationToken cancellationToken) => stopFailure is { } failure
            ? throw new InvalidOperationException(failure)
            : ValueTask.FromResult(new EnergyReading(0.5, TimeSpan.FromMilliseconds(1), 2, EnergyReadingKind.Measured, name));

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
