using Npgsql;
using Pbx.TestSupport;
using Shouldly;

namespace Pbx.IntegrationTests;

/// <summary>Trunks, dial rules, DIDs and phones for trunk call tests, written straight to the PBX's database, and the CDRs read back.</summary>
internal sealed class TrunkTestData(PbxHost pbx)
{
    /// <summary>Creates the extension with its outbound settings and registers a phone for it from a fresh port.</summary>
    public async Task<TestPhone> PhoneAsync(string number, string group, string permission, string? outboundCallerId = null)
    {
        var phone = await TestPhone.RegisterAsync(pbx, number);
        // Outbound columns are read per call from the table, not held by the extension's grain: no reload needed.
        await ExecuteAsync("update extensions set extension_group = $2, permission_class = $3, outbound_caller_id = $4 where number = $1",
            number, group, permission, (object?)outboundCallerId ?? DBNull.Value);
        return phone;
    }

    /// <summary>A Finnish (358) trunk on 127.0.0.1:<paramref name="port"/>, IP-authenticated unless credentials are given.</summary>
    public async Task AddTrunkAsync(string id, int port, string carrierFormat = "e164", string? username = null, string? realm = null,
        string? ha1 = null, int maxCalls = 10, bool privacy = false, string? defaultCallerId = null, string[]? codecs = null)
    {
        await ExecuteAsync(
            """
            insert into trunks (id, host, port, username, realm, ha1_md5, max_calls, country_code, carrier_format, privacy, default_caller_id, codecs)
            values ($1, '127.0.0.1', $2, $3, $4, $5, $6, '358', $7, $8, $9, $10)
            """,
            id, port, (object?)username ?? DBNull.Value, (object?)realm ?? DBNull.Value, (object?)ha1 ?? DBNull.Value, maxCalls, carrierFormat,
            privacy, (object?)defaultCallerId ?? DBNull.Value, codecs ?? ["PCMA", "PCMU"]);
        // As the trunks API does after a change: the edge's cached trunk sources are read again.
        pbx.TrunkDirectory.Invalidate();
    }

    public Task AddRuleAsync(string group, string prefix, params string[] trunks) =>
        ExecuteAsync("insert into dial_rules (extension_group, prefix, trunk_ids) values ($1, $2, $3)", group, prefix, trunks);

    public Task AddDidAsync(string number, string kind, string target) =>
        ExecuteAsync("insert into did_numbers (number, destination_kind, destination_target) values ($1, $2, $3)", number, kind, target);

    public async Task ExecuteAsync(string sql, params object[] values)
    {
        await using var command = pbx.Database.CreateCommand(sql);
        foreach (var value in values)
            command.Parameters.Add(new NpgsqlParameter { Value = value });
        await command.ExecuteNonQueryAsync();
    }

    public Task<TrunkCdr> TrunkCdrAsync(string trunk) => ClosedCdrAsync("trunk = $1", trunk);

    public Task<TrunkCdr> CdrByCallerAsync(string caller) => ClosedCdrAsync("caller = $1", caller);

    /// <summary>The latest closed CDR matching <paramref name="where"/>; the writes are queued behind the call, so this polls.</summary>
    private async Task<TrunkCdr> ClosedCdrAsync(string where, string value)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(5);
        while (true)
        {
            await using (var command = pbx.Database.CreateCommand(
                $"""
                select call_id, direction, trunk, carrier_call_id, caller, callee, disposition, hangup_cause
                from cdrs where {where} and ended_at is not null order by id desc limit 1
                """))
            {
                command.Parameters.Add(new NpgsqlParameter { Value = value });
                await using var reader = await command.ExecuteReaderAsync();
                if (await reader.ReadAsync())
                {
                    return new TrunkCdr(reader.GetString(0), reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2),
                        reader.IsDBNull(3) ? null : reader.GetString(3), reader.GetString(4), reader.GetString(5), reader.GetString(6), reader.GetString(7));
                }
            }
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"no closed CDR where {where} ({value})");
            await Task.Delay(50);
        }
    }

    public sealed record TrunkCdr(string CallId, string Direction, string? Trunk, string? CarrierCallId, string Caller, string Callee,
        string Disposition, string HangupCause);
}
