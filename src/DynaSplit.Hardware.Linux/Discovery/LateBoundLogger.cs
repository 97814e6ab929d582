using Microsoft.Extensions.Logging;

namespace DynaSplit.Hardware.Linux.Discovery;

/// <summary>
/// A logger whose target is attached after creation: knobs are discovered while services are registered, before
/// the container (and its logger factory) exists.
/// </summary>
internal sealed class LateBoundLogger : ILogger
{
    private volatile ILogger? _target;

    public void Attach(ILogger target) => _target = target;

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => _target?.BeginScope(state);

    public bool IsEnabled(LogLevel logLevel) => _target?.IsEnabled(logLevel) ?? false;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
        _target?.Log(logLevel, eventId, state, exception, formatter);
}
