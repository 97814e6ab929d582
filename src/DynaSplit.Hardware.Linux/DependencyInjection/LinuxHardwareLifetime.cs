using DynaSplit.Hardware.Linux.Discovery;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using DynaSplit.Hardware.Linux.Logging;

namespace DynaSplit.Hardware.Linux.DependencyInjection;

/// <summary>
/// Logs what was found when the host starts and restores every Linux knob when it stops (the container's dispose
/// restores them again, harmlessly, should the host be torn down without stopping).
/// </summary>
internal sealed class LinuxHardwareLifetime(LinuxHardwareInventory inventory, ILogger<LinuxHardwareLifetime>? logger = null) : IHostedService
{
    private readonly ILogger _logger = (ILogger?)logger ?? NullLogger.Instance;

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        try
        {
            // Never cancelled: the board must be left as it was found.
            await inventory.RestoreAsync(CancellationToken.None).ConfigureAwait(false);
        }
        catch (AggregateException ex)
        {
            _logger.RestoreAtShutdownFailed(ex);
        }
    }
}
