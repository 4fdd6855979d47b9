using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;
using Orleans;
using Orleans.Runtime;
using Orleans.Storage;
using Pbx.Silo.Persistence;
using Pbx.Silo.Tests.Grains;
using Pbx.TestSupport;
using Shouldly;
using Xunit;

namespace Pbx.Silo.Tests;

/// <summary>
/// <see cref="GrainStateStorage"/> as Orleans calls it (<see cref="IGrainStorage"/>), without a silo: one JSON row per grain
/// and state name with its version as ETag; reads, writes and clears from many activations share statements (issue #5)
/// yet each caller gets its own answer, its own ETag check and, when the database fails, the failure it would have got alone.
/// </summary>
public sealed class GrainStateStorageTests(PostgresDatabase database) : IClassFixture<PostgresDatabase>, IAsyncLifetime
{
    private const string StateName = "profile";

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
    public async Task Read_of_an_absent_row_gives_a_new_state_with_RecordExists_false_and_no_ETag()
    {
        var state = await ReadAsync(Id("absent", 1));

        state.RecordExists.ShouldBeFalse();
        state.ETag.ShouldBeNull();
        state.State.Name.ShouldBeNull();
    }

    [Fact]
    public async Task Written_state_reads_back_and_is_a_JSON_row_psql_can_query()
    {
        var written = Slot("Alice");

        await _storage.WriteStateAsync(StateName, Id("roundtrip", 201), written);
        var read = await ReadAsync(Id("roundtrip", 201));

        (written.ETag, written.RecordExists).ShouldBe(("1", true));
        (read.State.Name, read.ETag, read.RecordExists).ShouldBe(("Alice", "1", true));
        // Keyed by Orleans' grain type and key; the payload is jsonb in web (camelCase) form.
        (await ScalarAsync<string>(
            "select payload->>'name' || ' ' || jsonb_typeof(payload) || ' v' || version from grain_state where grain_type = 'roundtrip' and grain_key = '201' and state_name = 'profile'"))
            .ShouldBe("Alice object v1");
    }

    [Fact]
    public async Task Write_with_a_stale_ETag_throws_InconsistentStateException_and_keeps_the_newer_data()
    {
        var first = Slot("v1");
        await _storage.WriteStateAsync(StateName, Id("stale", 1), first);
        var other = await ReadAsync(Id("stale", 1));
        other.State.Name = "newer";
        await _storage.WriteStateAsync(StateName, Id("stale", 1), other);

        first.State.Name = "stale";
        var conflict = await Should.ThrowAsync<InconsistentStateException>(() => _storage.WriteStateAsync(StateName, Id("stale", 1), first));

        (conflict.CurrentEtag, conflict.StoredEtag).ShouldBe(("1", "2"));
        conflict.Message.ShouldContain("stale/1");
        (await ReadAsync(Id("stale", 1))).State.Name.ShouldBe("newer");
    }

    [Fact]
    public async Task First_write_without_an_ETag_conflicts_when_another_activation_created_the_row()
    {
        await _storage.WriteStateAsync(StateName, Id("created", 1), Slot("winner"));

        var conflict = await Should.ThrowAsync<InconsistentStateException>(() =>
            _storage.WriteStateAsync(StateName, Id("created", 1), Slot("loser")));

        (conflict.CurrentEtag, conflict.StoredEtag).ShouldBe((null, "1"));
        (await ReadAsync(Id("created", 1))).State.Name.ShouldBe("winner");
    }

    [Fact]
    public async Task Clear_with_the_current_ETag_deletes_the_row_and_resets_the_state()
    {
        var state = Slot("Carol");
        await _storage.WriteStateAsync(StateName, Id("cleared", 1), state);

        await _storage.ClearStateAsync(StateName, Id("cleared", 1), state);

        (state.State.Name, state.ETag, state.RecordExists).ShouldBe((null, null, false));
        (await ReadAsync(Id("cleared", 1))).RecordExists.ShouldBeFalse();
    }

    [Fact]
    public async Task Clear_without_an_ETag_fails_only_when_a_row_appeared()
    {
        await SeedAsync("clearabsent", 1);

        await _storage.ClearStateAsync(StateName, Id("clearabsent", 2), new ProfileSlot());
        var conflict = await Should.ThrowAsync<InconsistentStateException>(() =>
            _storage.ClearStateAsync(StateName, Id("clearabsent", 1), new ProfileSlot()));

        (conflict.CurrentEtag, conflict.StoredEtag).ShouldBe((null, "1"));
    }

    [Fact]
    public async Task Concurrent_reads_of_stored_and_absent_rows_each_get_their_own_row()
    {
        await SeedAsync("readmany", 100);

        // Keys 1-100 are stored with version = key; 101-200 are absent; every key is asked for twice at once.
        var keys = Enumerable.Range(1, 200).SelectMany(k => new[] { k, k }).ToArray();
        var states = await Task.WhenAll(keys.Select(k => ReadAsync(Id("readmany", k))));

        for (var i = 0; i < keys.Length; i++)
        {
            var key = keys[i];
            (states[i].State.Name, states[i].ETag).ShouldBe(key <= 100 ? ("n" + Text(key), Text(key)) : (null, null), $"key {key}");
        }
    }

    [Fact]
    public async Task Reads_queued_behind_a_running_read_share_the_next_statement()
    {
        await SeedAsync("readqueued", 20);
        await using var hold = await HoldTableAsync();
        var first = ReadAsync(Id("readqueued", 1));
        await _statements.NextAsync();

        var queued = Enumerable.Range(2, 39).Select(k => ReadAsync(Id("readqueued", k))).ToArray();
        await hold.ReleaseAsync();

        (await first).ETag.ShouldBe("1");
        var states = await Task.WhenAll(queued);
        for (var k = 2; k <= 40; k++)
            states[k - 2].ETag.ShouldBe(k <= 20 ? Text(k) : null, $"key {k}");
        _statements.Drain().Count.ShouldBe(1, "the 39 reads queued behind the first share one statement");
    }

    [Fact]
    public async Task Writes_queued_behind_a_running_write_share_one_statement_and_conflict_individually()
    {
        await SeedAsync("writequeued", 40);
        await using var hold = await HoldTableAsync();
        var first = _storage.WriteStateAsync(StateName, Id("writequeued", 1), Stored(1, "first"));
        await _statements.NextAsync();

        // Even keys name their stored version, odd ones a stale one; all queue behind the first write.
        var writes = Enumerable.Range(2, 39)
            .Select(k => (Key: k, State: Stored(k % 2 == 0 ? k : k - 1, "second")))
            .Select(w => (w.Key, w.State, Write: _storage.WriteStateAsync(StateName, Id("writequeued", w.Key), w.State)))
            .ToArray();
        await hold.ReleaseAsync();

        await first;
        foreach (var (key, state, write) in writes)
        {
            if (key % 2 == 0)
            {
                await write;
                state.ETag.ShouldBe(Text(key + 1));
                continue;
            }
            var conflict = await Should.ThrowAsync<InconsistentStateException>(write);
            (conflict.CurrentEtag, conflict.StoredEtag).ShouldBe((Text(key - 1), Text(key)));
        }
        (await ScalarAsync<long>("select count(*) from grain_state where grain_type = 'writequeued' and payload->>'name' = 'second'")).ShouldBe(20);
        _statements.Drain().Count(s => s.StartsWith("update", StringComparison.Ordinal)).ShouldBe(1, "the 39 queued writes share one update");
    }

    [Fact]
    public async Task Concurrent_clears_with_right_and_wrong_ETags_succeed_or_conflict_individually()
    {
        await SeedAsync("clear", 40);
        await using var hold = await HoldTableAsync();
        var first = _storage.ClearStateAsync(StateName, Id("clear", 1), Stored(1, "n1"));
        await _statements.NextAsync();

        // Even keys name their stored version, odd ones a stale one; all queue behind the first clear.
        var clears = Enumerable.Range(2, 39)
            .Select(k => (Key: k, Clear: _storage.ClearStateAsync(StateName, Id("clear", k), Stored(k % 2 == 0 ? k : k + 1, "n"))))
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
            (conflict.CurrentEtag, conflict.StoredEtag).ShouldBe((Text(key + 1), Text(key)));
        }
        (await StoredKeysAsync("clear")).ShouldBe(Enumerable.Range(2, 39).Where(k => k % 2 == 1));
        _statements.Drain().Count(s => s.StartsWith("delete", StringComparison.Ordinal)).ShouldBe(1, "the 39 queued clears share one delete");
    }

    [Fact]
    public async Task A_batch_cut_off_by_a_database_outage_faults_each_waiter_and_later_reads_work()
    {
        await SeedAsync("outage", 5);
        await using var relay = new TcpCutProxy(new NpgsqlConnectionStringBuilder(database.ConnectionString).Port);
        var throughRelay = new NpgsqlConnectionStringBuilder(database.ConnectionString) { Port = relay.Port }.ConnectionString;
        await using var dataSource = DataSource(throughRelay);
        await using var storage = new GrainStateStorage(dataSource);
        await using var hold = await HoldTableAsync();
        var first = ReadAsync(storage, Id("outage", 1));
        await _statements.NextAsync();
        var queued = Enumerable.Range(2, 30).Select(k => ReadAsync(storage, Id("outage", k))).ToArray();

        relay.Cut();

        await Should.ThrowAsync<NpgsqlException>(first);
        var failures = new List<Exception>();
        foreach (var read in queued)
            failures.Add(await Should.ThrowAsync<NpgsqlException>(read));
        failures.Distinct().Count().ShouldBe(1, "the 30 queued reads went out as one statement and share its failure");

        relay.Heal();
        await hold.ReleaseAsync();
        (await ReadAsync(storage, Id("outage", 3))).State.Name.ShouldBe("n3");
        (await ReadAsync(storage, Id("outage", 6))).RecordExists.ShouldBeFalse();
    }

    private static GrainId Id(string type, int key) => GrainId.Create(type, Text(key));

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>A state as an activation holds it after reading version <paramref name="version"/>.</summary>
    private static ProfileSlot Stored(int version, string name) => new() { State = { Name = name }, ETag = Text(version), RecordExists = true };

    /// <summary>A state an activation is about to write for the first time.</summary>
    private static ProfileSlot Slot(string name) => new() { State = { Name = name } };

    private Task<ProfileSlot> ReadAsync(GrainId id) => ReadAsync(_storage, id);

    private static async Task<ProfileSlot> ReadAsync(GrainStateStorage storage, GrainId id)
    {
        var state = new ProfileSlot();
        await storage.ReadStateAsync(StateName, id, state);
        return state;
    }

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

    private async Task<T> ScalarAsync<T>(string sql)
    {
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync())!;
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

    /// <summary>What Orleans hands the storage for one <c>[PersistentState]</c> of a grain.</summary>
    private sealed class ProfileSlot : IGrainState<ProfileState>
    {
        // Orleans' contract lets a storage assign null; GrainStateStorage never does, and a read makes a new state instead.
        [AllowNull]
        public ProfileState State { get; set => field = value ?? new(); } = new();

        public string? ETag { get; set; }

        public bool RecordExists { get; set; }
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
