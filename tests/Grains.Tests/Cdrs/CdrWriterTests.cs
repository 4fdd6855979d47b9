using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;
using Pbx.Data.Cdrs;
using Pbx.Grains.Cdrs;
using Pbx.TestSupport;
using Shouldly;
using Xunit;

namespace Pbx.Grains.Tests.Cdrs;

/// <summary>A database outage delays CDR writes, never loses them: they wait in the journal and land, in order, once it recovers.</summary>
public sealed class CdrWriterTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("pbx-cdrwriter-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task Writes_made_while_the_database_fails_are_retried_and_land_in_order()
    {
        var connectionString = PostgresServer.Shared.CreateDatabase("cdrretry");
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        using var journal = CdrJournal.Open(_directory);
        var repository = new CdrRepository(dataSource);
        await using var queue = new CdrQueue(repository, journal, Options.Create(new CdrOptions()), "test-silo", TimeProvider.System, NullLogger<CdrQueue>.Instance);
        var failures = new FailureSignal();
        using var writer = new CdrWriter(queue, journal, repository, TimeProvider.System, failures);
        var started = DateTimeOffset.UtcNow.AddSeconds(-10);
        // The table is missing: every write fails, as during an outage. The calls go on: each write is in the journal.
        await writer.StartAsync(CancellationToken.None);
        await queue.WriteAsync(new CdrOpened("retry@test", "4001", null, "4002", "internal", started)).WaitAsync(TimeSpan.FromSeconds(5));
        await queue.WriteAsync(new CdrClosed("retry@test", started.AddSeconds(2), started.AddSeconds(10), CdrDisposition.Answered, "BYE", "caller"))
            .WaitAsync(TimeSpan.FromSeconds(5));
        journal.PendingCount.ShouldBe(2);
        await failures.Retried.Task.WaitAsync(TimeSpan.FromSeconds(5));

        // The database comes back (the schema appears); the journal is replayed without anyone resubmitting the writes.
        await CdrSchema.CreateAsync(dataSource);
        await journal.WaitForEmptyAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(15));
        await writer.StopAsync(CancellationToken.None);

        await using var read = dataSource.CreateCommand("select disposition, billable_seconds, silo from cdrs where call_id = 'retry@test'");
        await using var reader = await read.ExecuteReaderAsync();
        (await reader.ReadAsync()).ShouldBeTrue();
        (reader.GetString(0), reader.GetInt32(1), reader.GetString(2)).ShouldBe((CdrDisposition.Answered, 8, "test-silo"));
    }

    /// <summary>Completes when the writer logs its second failed replay: the writes are being retried.</summary>
    private sealed class FailureSignal : ILogger<CdrWriter>
    {
        private int _failures;

        public TaskCompletionSource Retried { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (logLevel == LogLevel.Warning && Interlocked.Increment(ref _failures) == 2)
                Retried.TrySetResult();
        }
    }
}
