using Microsoft.Extensions.Logging;

namespace DynaSplit.Energy.Tests.Fixtures;

/// <summary>Records the level, event id and text of every log line.</summary>
internal sealed class EventLogger<T> : ILogger<T>
{
    public List<(LogLevel Level, EventId Event, string Message)> Lines { get; } = [];

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        lock (Lines)
        {
            Lines.Add((logLevel, eventId, formatter(state, exception)));
        }
    }
}
