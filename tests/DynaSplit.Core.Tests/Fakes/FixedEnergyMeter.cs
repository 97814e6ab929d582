using DynaSplit.Energy;

namespace DynaSplit.Core.Tests.Fakes;

/// <summary>A meter that reports a fixed energy for every window.</summary>
internal sealed class FixedEnergyMeter(double joules) : IEnergyMeter
{
    public string Name => "fixed";

    public EnergyMeterAvailability Availability => EnergyMeterAvailability.Available;

    public int Windows { get; private set; }

    public ValueTask<IEnergyWindow> StartAsync(CancellationToken cancellationToken)
    {
        Windows++;
        return ValueTask.FromResult<IEnergyWindow>(new Window(joules));
    }

    private sealed class Window(double joules) : IEnergyWindow
    {
        public ValueTask<EnergyReading> StopAsync(CancellationToken cancellationToken) =>
            ValueTask.FromResult(new EnergyReading(joules, TimeSpan.FromSeconds(1), 10, EnergyReadingKind.Measured, "fixed"));

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
