using System.IO.Compression;
using System.Net;
using System.Net.Http.Json;
using Dapper;
using Pbx.ApiHost.Auth;
using Pbx.ApiHost.Paging;
using Pbx.Data.Cdrs;
using Pbx.Data.Recordings;

namespace Pbx.ApiHost.Tests;

/// <summary>
/// Object-level authorisation of the call history and recordings: a phone user reaches its own extension's calls (caller,
/// callee, or rung through a forward) and their recordings only, and another's is a 404 exactly like an unknown id; the
/// supervisory roles reach everything.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class CallScopeTests(ApiFixture fixture) : IAsyncLifetime, IDisposable
{
    // Numbers and users no other test uses.
    private const string A = "4101";
    private const string B = "4102";
    private const string UserA = "scope-user-a";
    private const string UserB = "scope-user-b";

    private readonly string _folder = Directory.CreateTempSubdirectory("pbx-scope-").FullName;
    private readonly Dictionary<string, long> _cdr = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _recording = new(StringComparer.Ordinal);

    public async Task InitializeAsync()
    {
        await fixture.CreatePhoneUserAsync(UserA, A);
        await fixture.CreatePhoneUserAsync(UserB, B);
        await using var connection = await fixture.Db.OpenConnectionAsync();
        await connection.ExecuteAsync("delete from cdrs where call_id like 'scope-%'; delete from recordings where call_id like 'scope-%'");
        // (call id, caller, callee, history): A calls out, B calls out, and a call to 4199 that 4199 forwarded to A.
        foreach (var (callId, caller, callee, history) in new[]
        {
            ("scope-a", A, "4199", "[]"),
            ("scope-b", B, "4198", "[]"),
            ("scope-forwarded-to-a", "4197", "4199", $$"""[{"kind":"forward-busy","from":"4199","to":"{{A}}","at":"2024-05-01T10:00:00Z"}]"""),
        })
        {
            _cdr[callId] = await connection.ExecuteScalarAsync<long>(
                """
                insert into cdrs (call_id, caller, callee, direction, started_at, history)
                values (@callId, @caller, @callee, 'internal', '2024-05-01T10:00:00Z', @history::jsonb) returning id
                """, new { callId, caller, callee, history });
            var path = Path.Combine(_folder, callId + ".wav");
            await File.WriteAllBytesAsync(path, [1, 2, 3]);
            _recording[callId] = await connection.ExecuteScalarAsync<long>(
                "insert into recordings (call_id, file_path, size_bytes) values (@callId, @path, 3) returning id", new { callId, path });
        }
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task A_user_lists_the_calls_of_its_extension_only_even_when_asking_for_another_number()
    {
        using var a = await fixture.SignedInAsync(UserA);

        var mine = (await a.GetFromJsonAsync<PagedResult<CallRecord>>("/api/v1/calls?from=2024-05-01&to=2024-05-02"))!;
        var asked = (await a.GetFromJsonAsync<PagedResult<CallRecord>>($"/api/v1/calls?number={B}&from=2024-05-01&to=2024-05-02"))!;
        var exact = (await a.GetFromJsonAsync<PagedResult<CallRecord>>("/api/v1/calls?from=2024-05-01&to=2024-05-02&pageSize=1&exactTotal=true"))!;

        mine.Items.Select(c => c.CallId).ShouldBe(["scope-forwarded-to-a", "scope-a"], ignoreOrder: true);
        asked.Items.ShouldBeEmpty();
        exact.Total.ShouldBe(2);
    }

    [Fact]
    public async Task Another_users_call_and_recording_are_404_like_an_unknown_id()
    {
        using var a = await fixture.SignedInAsync(UserA);
        var bCall = _cdr["scope-b"];
        var bRecording = _recording["scope-b"];

        var call = await Problem.ReadAsync(await a.GetAsync($"/api/v1/calls/{bCall}"), HttpStatusCode.NotFound);
        var unknown = await Problem.ReadAsync(await a.GetAsync("/api/v1/calls/987654321"), HttpStatusCode.NotFound);
        await Problem.ReadAsync(await a.GetAsync($"/api/v1/recordings/{bRecording}"), HttpStatusCode.NotFound);
        await Problem.ReadAsync(await a.GetAsync($"/api/v1/recordings/{bRecording}/download"), HttpStatusCode.NotFound);
        await Problem.ReadAsync(await a.GetAsync($"/api/v1/recordings/{bRecording}/content"), HttpStatusCode.NotFound);

        using var b = await fixture.SignedInAsync(UserB);
        await Problem.ReadAsync(await b.GetAsync($"/api/v1/calls/{_cdr["scope-a"]}"), HttpStatusCode.NotFound);
        await Problem.ReadAsync(await b.GetAsync($"/api/v1/recordings/{_recording["scope-a"]}/download"), HttpStatusCode.NotFound);
        call.GetProperty("code").GetString().ShouldBe(unknown.GetProperty("code").GetString());
        (await a.GetFromJsonAsync<CallRecord>($"/api/v1/calls/{_cdr["scope-a"]}"))!.Caller.ShouldBe(A);
        (await a.GetAsync($"/api/v1/recordings/{_recording["scope-forwarded-to-a"]}/download")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_user_lists_the_recordings_of_its_own_calls_only()
    {
        using var a = await fixture.SignedInAsync(UserA);
        using var unlinked = await fixture.SignedInAsync(Roles.User);

        var mine = (await a.GetFromJsonAsync<PagedResult<Recording>>("/api/v1/recordings?pageSize=500"))!;
        var asked = (await a.GetFromJsonAsync<PagedResult<Recording>>("/api/v1/recordings?callId=scope-b"))!;
        var none = (await unlinked.GetFromJsonAsync<PagedResult<Recording>>("/api/v1/recordings?pageSize=500"))!;

        mine.Items.Select(r => r.CallId).ShouldBe(["scope-a", "scope-forwarded-to-a"], ignoreOrder: true);
        mine.Total.ShouldBe(2);
        (asked.Total, none.Total).ShouldBe((0, 0));
    }

    [Fact]
    public async Task Exports_hold_the_users_own_calls_only()
    {
        using var a = await fixture.SignedInAsync(UserA);

        var csv = await a.GetStringAsync("/api/v1/calls/export.csv?from=2024-05-01&to=2024-05-02");
        var xlsx = await TextOfWorkbookAsync(await a.GetByteArrayAsync("/api/v1/calls/export.xlsx?from=2024-05-01&to=2024-05-02"));

        foreach (var text in new[] { csv, xlsx })
        {
            text.ShouldContain("scope-a");
            text.ShouldContain("scope-forwarded-to-a");
            text.ShouldNotContain("scope-b");
        }
    }

    [Fact]
    public async Task A_phone_user_without_an_extension_sees_no_calls()
    {
        using var unlinked = await fixture.SignedInAsync(Roles.User);

        var page = (await unlinked.GetFromJsonAsync<PagedResult<CallRecord>>("/api/v1/calls?from=2024-05-01&to=2024-05-02"))!;

        page.Total.ShouldBe(0);
        await Problem.ReadAsync(await unlinked.GetAsync($"/api/v1/calls/{_cdr["scope-a"]}"), HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData(Roles.Admin)]
    [InlineData(Roles.Operator)]
    [InlineData(Roles.Viewer)]
    public async Task The_supervisory_roles_see_every_call_and_recording(string role)
    {
        using var client = await fixture.SignedInAsync(role);

        var calls = (await client.GetFromJsonAsync<PagedResult<CallRecord>>("/api/v1/calls?from=2024-05-01&to=2024-05-02"))!;
        var csv = await client.GetStringAsync("/api/v1/calls/export.csv?from=2024-05-01&to=2024-05-02");

        calls.Items.Select(c => c.CallId).ShouldBe(["scope-a", "scope-b", "scope-forwarded-to-a"], ignoreOrder: true);
        csv.ShouldContain("scope-b");
        (await client.GetAsync($"/api/v1/calls/{_cdr["scope-b"]}")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await client.GetAsync($"/api/v1/recordings/{_recording["scope-b"]}/download")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    // Every XML part of the workbook as text: the call ids are in the sheet's cells wherever MiniExcel puts strings.
    private static async Task<string> TextOfWorkbookAsync(byte[] workbook)
    {
        using var zip = new ZipArchive(new MemoryStream(workbook));
        var text = new System.Text.StringBuilder();
        foreach (var entry in zip.Entries.Where(e => e.FullName.EndsWith(".xml", StringComparison.Ordinal)))
        {
            using var reader = new StreamReader(entry.Open());
            text.Append(await reader.ReadToEndAsync());
        }
        return text.ToString();
    }
}
