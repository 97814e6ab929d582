using DynaSplit.Hardware.Linux.Knobs;
using DynaSplit.Hardware.Linux.Platform;
using Microsoft.Extensions.Logging;
using DynaSplit.Hardware.Linux.Logging;

namespace DynaSplit.Hardware.Linux.Discovery;

/// <summary>
/// What <see cref="LinuxHardwareDiscovery"/> found on this board: the platform, the knobs it can drive and what it
/// looked for but did not find. Disposing it restores every knob.
/// </summary>
public sealed class LinuxHardwareInventory : IAsyncDisposable, IDisposable
{
    private readonly LateBoundLogger _logger;
    private int _announced;

    internal LinuxHardwareInventory(LinuxPlatform platform, IReadOnlyList<LinuxHardwareKnob> knobs, IReadOnlyList<string> notFound, LateBoundLogger logger)
    {
        Platform = platform;
        Knobs = knobs;
        NotFound = notFound;
        _logger = logger;
    }

    /// <summary>The board.</summary>
    public LinuxPlatform Platform { get; }

    /// <summary>The knobs found, in registration order.</summary>
    public IReadOnlyList<LinuxHardwareKnob> Knobs { get; }

    /// <summary>For each interface looked for and not found, why.</summary>
    public IReadOnlyList<string> NotFound { get; }

    /// <summary>The line logged at start: what was found and what was not.</summary>
    public string Summary => Knobs.Count == 0
        ? $"Linux hardware on {Describe(Platform)}: no hardware knob registered; only software knobs (if any) will be set. Not found: {string.Join("; ", NotFound)}."
        : $"Linux hardware on {Describe(Platform)}: found {string.Join("; ", Knobs.Select(k => k.ToString()))}. Not found: {(NotFound.Count == 0 ? "nothing" : string.Join("; ", NotFound))}.";

    /// <summary>Sends the knobs' messages to <paramref name="loggerFactory"/> and logs <see cref="Summary"/> once.</summary>
    public void Announce(ILoggerFactory? loggerFactory)
    {
        if (loggerFactory is null || Interlocked.Exchange(ref _announced, 1) == 1)
        {
            return;
        }

        var logger = loggerFactory.CreateLogger("DynaSplit.Hardware.Linux");
        _logger.Attach(logger);
        if (Knobs.Count == 0)
        {
            logger.NoKnobsFound(Summary);
        }
        else
        {
            logger.KnobsFound(Summary);
        }
    }

    /// <summary>Restores every knob, last first; errors are collected and thrown together.</summary>
    public async ValueTask RestoreAsync(CancellationToken cancellationToken)
    {
        List<Exception>? errors = null;
        for (var i = Knobs.Count - 1; i >= 0; i--)
        {
            try
            {
                await Knobs[i].RestoreAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                _logger.RestoreFailed(ex, Knobs[i].Name);
                (errors ??= []).Add(ex);
            }
        }

        if (errors is not null)
        {
            throw new AggregateException("Restoring the Linux hardware state failed for some knobs; see the inner exceptions for the files and what to do.", errors);
        }
    }

    /// <summary>Restores and disposes every knob.</summary>
    public async ValueTask DisposeAsync()
    {
        try
        {
            await RestoreAsync(CancellationToken.None).ConfigureAwait(false);
        }
        finally
        {
            foreach (var knob in Knobs.Reverse())
            {
                await knob.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    /// <summary>Restores and disposes every knob synchronously.</summary>
    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    private static string Describe(LinuxPlatform platform) => platform.Family == BoardFamily.Unknown && platform.Model.Length == 0
        ? "an unrecognised machine (no device-tree model)"
        : platform.ToString();
}
