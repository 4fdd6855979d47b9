using System.Threading.Channels;
using Microsoft.Extensions.Logging;

namespace Pbx.Silo.Tests;

/// <summary>
/// Npgsql's command log of one data source (UseLoggerFactory): each statement's text as it starts executing, so a test
/// knows a statement is on the wire and can count how many round trips a burst of requests took.
/// </summary>
public sealed class StatementLog : ILoggerProvider, ILogger
{
    private readonly Channel<string> _started = Channel.CreateUnbounded<string>();

    /// <summary>The next statement to start executing, waited for up to <see cref="TestSilo.Patience"/>.</summary>
    public async Task<string> NextAsync() => await _started.Reader.ReadAsync().AsTask().WaitAsync(TestSilo.Patience);

    /// <summary>The statements started and not yet taken by <see cref="NextAsync"/>.</summary>
    public List<string> Drain()
    {
        var statements = new List<string>();
        while (_started.Reader.TryRead(out var statement))
            statements.Add(statement);
        return statements;
    }

    public ILogger CreateLogger(string categoryName) => this;

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        const string Executing = "Executing command: ";
        var message = formatter(state, exception);
        if (message.StartsWith(Executing, StringComparison.Ordinal))
            _started.Writer.TryWrite(message[Executing.Length..]);
    }

    public void Dispose() => _started.Writer.TryComplete();
}
