using Microsoft.Extensions.Logging;
using Npgsql;
using Pbx.Grains.Cdrs;
using Pbx.Grains.Recordings;
using Pbx.TestSupport;
using Shouldly;
using Xunit;

namespace Pbx.Grains.Tests.Calls;

/// <summary>The CDR queue keeps writes through a database failure and applies them, in order, once it recovers.</summary>
public sealed class CdrWriterTests
{
    [Fact]
    public async Task Writes_made_while_the_database_fails_are_retried_and_land_in_order()
    {
        var connectionString = PostgresServer.Shared.CreateDatabase("cdrretry");
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        var queue = new CdrQueue();
        var failures = new FailureSignal();
        using var writer = new CdrWriter(queue, new CdrRepository(dataSource), new RecordingRepository(dataSource, TimeProvider.System), TimeProvider.System, failures);
        var started = DateTimeOffset.UtcNow.AddSeconds(-10);
        // The table is missing: every write fails, as during an outage.
        await writer.StartAsync(CancellationToken.None);
        queue.Enqueue(new CdrOpened("retry@test", "4001", null, "4002", "internal", started));
        queue.Enqueue(new CdrClosed("retry@test", started.AddSeconds(2), started.AddSeconds(10), CdrDisposition.Answered, "BYE", "caller"));
        await failures.Retried.Task.WaitAsync(TimeSpan.FromSeconds(5));

        // The database comes back (the schema appears); the queued writes go through without anyone resubmitting them.
        foreach (var migration in new[] { "0002_core.sql", "0065_recording_completion.sql" })
        {
            var schema = await File.ReadAllTextAsync(Path.Combine(RepositoryRoot.Path, "src", "Silo", "Persistence", "Migrations", migration));
            await using var create = dataSource.CreateCommand(schema);
            await create.ExecuteNonQueryAsync();
        }

        var deadline = DateTime.UtcNow.AddSeconds(10);
        string? disposition = null;
        while (disposition is null && DateTime.UtcNow < deadline)
        {
            await using var read = dataSource.CreateCommand("select disposition, billable_seconds from cdrs where call_id = 'retry@test'");
            await using var reader = await read.ExecuteReaderAsync();
            if (await reader.ReadAsync() && !reader.IsDBNull(0))
            {
                disposition = reader.GetString(0);
                reader.GetInt32(1).ShouldBe(8);
            }
            else
            {
                await Task.Delay(50);
            }
        }
        await writer.StopAsync(CancellationToken.None);
        disposition.ShouldBe(CdrDisposition.Answered);
    }

    /// <summary>Completes when the writer logs its second failed attempt: the write is being retried.</summary>
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
