using Microsoft.Extensions.Logging;

namespace DynaSplit.Hardware.Linux.Tests.Emulation;

/// <summary>Collects log lines.</summary>
internal sealed class ListLoggerProvider : ILoggerProvider
{
    public List<(LogLevel Level, string Category, string Message)> Lines { get; } = [];

    /// <summary>The event id of each line in <see cref="Lines"/>, in the same order.</summary>
    public List<EventId> Events { get; } = [];

    public ILogger CreateLogger(string categoryName) => new ListLogger(this, categoryName);

    public void Dispose()
    {
    }

    private sealed class ListLogger(ListLoggerProvider owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            lock (owner.Lines)
            {
                owner.Lines.Add((logLevel, category, formatter(state, exception)));
                owner.Events.Add(eventId);
            }
        }
    }
}
