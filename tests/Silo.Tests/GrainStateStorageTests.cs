using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;
using Pbx.Grains.Runtime;
using Pbx.Silo.Persistence;
using Pbx.TestSupport;
using Shouldly;
using Xunit;

namespace Pbx.Silo.Tests;

/// <summary>
/// Reads and clears from many activations share statements (issue #5) yet each caller gets its own answer, its own
/// ETag check and, when the database fails, the failure it would have got alone.
/// </summary>
public sealed class GrainStateStorageTests(PostgresDatabase database) : IClassFixture<PostgresDatabase>, IAsyncLifetime
{
    private readonly StatementLog _statements = new();
    private NpgsqlDataSource _dataSource = null!;
    private GrainStateStorage _storage = null!;

    public async Task InitializeAsync()
    {
        using (var host = TestSilo.Build(database.ConnectionString))
            await host.Services.GetRequiredService<MigrationRunner>().RunAsync(CancellationToken.None);
        _dataSource = DataSource(database.ConnectionString);
        _storage = new GrainStateStorage(_dataSource);
    }

    public async Task DisposeAsync()
    {
        await _storage.DisposeAsync();
        await _dataSource.DisposeAsync();
        _statements.Dispose();
    }

    [Fact]
    public async Task Concurrent_reads_of_stored_and_absent_rows_each_get_their_own_row()
    {
        await SeedAsync("ReadMany", 100);

        // Keys 1-100 are stored with version = key; 101-200 are absent; every key is asked for twice at once.
        var keys = Enumerable.Range(1, 200).SelectMany(k => new[] { k, k }).ToArray();
        var rows = await Task.WhenAll(keys.Select(k => _storage.ReadAsync(Id("ReadMany", k), "profile", CancellationToken.None)));

        for (var i = 0; i < keys.Length; i++)
        {
            var key = keys[i];
            rows[i].ShouldBe(key <= 100 ? ($$"""{"name": "n{{key}}"}""", key) : (null, null), $"key {key}");
        }
    }

    [Fact]
    public async Task Reads_queued_behind_a_running_read_share_the_next_statement_and_one_cancelled_leaves_the_rest()
    {
        await SeedAsync("ReadQueued", 20);
        await using var hold = await HoldTableAsync();
        var first = _storage.ReadAsync(Id("ReadQueued", 1), "profile", CancellationToken.None);
        await _statements.NextAsync();

        using var stopWaiting = new CancellationTokenSource();
        var cancelled = _storage.ReadAsync(Id("ReadQueued", 2), "profile", stopWaiting.Token);
        var queued = Enumerable.Range(3, 38).Select(k => _storage.ReadAsync(Id("ReadQueued", k), "profile", CancellationToken.None)).ToArray();
        await stopWaiting.CancelAsync();
        await Should.ThrowAsync<OperationCanceledException>(cancelled);
        await hold.ReleaseAsync();

        (await first).Version.ShouldBe(1);
        var rows = await Task.WhenAll(queued);
        for (var k = 3; k <= 40; k++)
            rows[k - 3].Version.ShouldBe(k <= 20 ? k : null, $"key {k}");
        _statements.Drain().Count.ShouldBe(1, "the 39 reads queued behind the first, the cancelled one included, share one statement");
    }

    [Fact]
    public async Task Concurrent_clears_with_right_and_wrong_versions_succeed_or_conflict_individually()
    {
        await SeedAsync("Clear", 40);
        await using var hold = await HoldTableAsync();
        var first = _storage.ClearAsync(Id("Clear", 1), "profile", 1, CancellationToken.None);
        await _statements.NextAsync();

        // Even keys name their stored version, odd ones a stale one; all queue behind the first clear.
        var clears = Enumerable.Range(2, 39)
            .Select(k => (Key: k, Clear: _storage.ClearAsync(Id("Clear", k), "profile", k % 2 == 0 ? k : k + 1, CancellationToken.None)))
            .ToArray();
        await hold.ReleaseAsync();

        await first;
        foreach (var (key, clear) in clears)
        {
            if (key % 2 == 0)
            {
                await clear;
                continue;
            }
            var conflict = await Should.ThrowAsync<InconsistentStateException>(clear);
            conflict.StoredEtag.ShouldBe(key.ToString(CultureInfo.InvariantCulture));
            conflict.CurrentEtag.ShouldBe((key + 1).ToString(CultureInfo.InvariantCulture));
        }
        (await StoredKeysAsync("Clear")).ShouldBe(Enumerable.Range(2, 39).Where(k => k % 2 == 1));
        _statements.Drain().Count(s => s.StartsWith("delete", StringComparison.Ordinal)).ShouldBe(1, "the 39 queued clears share one delete");
    }

    [Fact]
    public async Task Clear_without_a_version_fails_only_when_a_row_appeared()
    {
        await SeedAsync("ClearAbsent", 1);

        await _storage.ClearAsync(Id("ClearAbsent", 2), "profile", null, CancellationToken.None);
        var conflict = await Should.ThrowAsync<InconsistentStateException>(_storage.ClearAsync(Id("ClearAbsent", 1), "profile", null, CancellationToken.None));

        conflict.StoredEtag.ShouldBe("1");
        conflict.CurrentEtag.ShouldBeNull();
    }

    [Fact]
    public async Task A_batch_cut_off_by_a_database_outage_faults_each_waiter_and_later_reads_work()
    {
        await SeedAsync("Outage", 5);
        await using var relay = new TcpRelay(new NpgsqlConnectionStringBuilder(database.ConnectionString).Port);
        var throughRelay = new NpgsqlConnectionStringBuilder(database.ConnectionString) { Port = relay.Port }.ConnectionString;
        await using var dataSource = DataSource(throughRelay);
        await using var storage = new GrainStateStorage(dataSource);
        await using var hold = await HoldTableAsync();
        var first = storage.ReadAsync(Id("Outage", 1), "profile", CancellationToken.None);
        await _statements.NextAsync();
        var queued = Enumerable.Range(2, 30).Select(k => storage.ReadAsync(Id("Outage", k), "profile", CancellationToken.None)).ToArray();

        relay.Cut();

        await Should.ThrowAsync<NpgsqlException>(first);
        var failures = new List<Exception>();
        foreach (var read in queued)
            failures.Add(await Should.ThrowAsync<NpgsqlException>(read));
        failures.Distinct().Count().ShouldBe(1, "the 30 queued reads went out as one statement and share its failure");

        relay.Restore();
        await hold.ReleaseAsync();
        (await storage.ReadAsync(Id("Outage", 3), "profile", CancellationToken.None)).ShouldBe(("""{"name": "n3"}""", 3));
        (await storage.ReadAsync(Id("Outage", 6), "profile", CancellationToken.None)).ShouldBe((null, null));
    }

    private static GrainId Id(string type, int key) => new(type, key.ToString(CultureInfo.InvariantCulture));

    private NpgsqlDataSource DataSource(string connectionString)
    {
        var builder = new NpgsqlDataSourceBuilder(connectionString);
        builder.UseLoggerFactory(LoggerFactory.Create(logging => logging.AddProvider(_statements).SetMinimumLevel(LogLevel.Debug)));
        return builder.Build();
    }

    /// <summary>Rows of <paramref name="type"/> with keys 1..count, each at version = key and payload name "n" + key.</summary>
    private async Task SeedAsync(string type, int count)
    {
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            """
            insert into grain_state (grain_type, grain_key, state_name, payload, version)
            select $1, k::text, 'profile', jsonb_build_object('name', 'n' || k), k from generate_series(1, $2) as k
            """, connection);
        command.Parameters.Add(new NpgsqlParameter { Value = type });
        command.Parameters.Add(new NpgsqlParameter { Value = count });
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>
    /// Locks grain_state from another connection until released, so the storage's next statement stays in flight and
    /// requests made meanwhile queue behind it.
    /// </summary>
    private async Task<TableHold> HoldTableAsync()
    {
        var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        var transaction = await connection.BeginTransactionAsync();
        await using var command = new NpgsqlCommand("lock table grain_state in access exclusive mode", connection, transaction);
        await command.ExecuteNonQueryAsync();
        return new TableHold(connection, transaction);
    }

    private async Task<List<int>> StoredKeysAsync(string type)
    {
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("select grain_key::int from grain_state where grain_type = $1 order by 1", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = type });
        var keys = new List<int>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
            keys.Add(reader.GetInt32(0));
        return keys;
    }

    private sealed class TableHold(NpgsqlConnection connection, NpgsqlTransaction transaction) : IAsyncDisposable
    {
        public Task ReleaseAsync() => transaction.RollbackAsync();

        public async ValueTask DisposeAsync()
        {
            await transaction.DisposeAsync();
            await connection.DisposeAsync();
        }
    }
}
