using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Pbx.ApiHost.Apis.Recordings;
using Pbx.ApiHost.Auth;

namespace Pbx.ApiHost.Tests;

[Collection(ApiCollection.Name)]
public sealed class RecordingsApiTests(ApiFixture fixture) : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("pbx-recordings-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    /// <summary><c>download</c> is the documented address; <c>content</c> the older one the console and scripts use.</summary>
    [Theory]
    [InlineData("download")]
    [InlineData("content")]
    public async Task Download_is_an_attachment_that_honours_range_requests_with_the_stored_content_type(string path)
    {
        var audio = Enumerable.Range(0, 1000).Select(i => (byte)i).ToArray();
        var id = await AddRecordingAsync($"range-{path}.wav", audio, "audio/wav");
        using var client = await fixture.SignedInAsync(Roles.Viewer);

        using var whole = await client.GetAsync($"/api/v1/recordings/{id}/{path}");
        whole.StatusCode.ShouldBe(HttpStatusCode.OK);
        whole.Content.Headers.ContentType!.MediaType.ShouldBe("audio/wav");
        whole.Content.Headers.ContentDisposition!.DispositionType.ShouldBe("attachment");
        whole.Content.Headers.ContentDisposition.FileName.ShouldBe($"recording-{id}.wav");
        whole.Headers.AcceptRanges.ShouldContain("bytes");
        (await whole.Content.ReadAsByteArrayAsync()).ShouldBe(audio);

        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/recordings/{id}/{path}");
        request.Headers.Range = new RangeHeaderValue(100, 199);
        using var part = await client.SendAsync(request);
        part.StatusCode.ShouldBe(HttpStatusCode.PartialContent);
        part.Content.Headers.ContentRange!.ToString().ShouldBe("bytes 100-199/1000");
        (await part.Content.ReadAsByteArrayAsync()).ShouldBe(audio[100..200]);
    }

    [Fact]
    public async Task Delete_removes_row_and_file_and_reports_an_already_missing_file()
    {
        var kept = await AddRecordingAsync("delete.wav", [1, 2, 3], "audio/wav");
        var lost = await AddRecordingAsync("lost.wav", [1, 2, 3], "audio/wav");
        File.Delete(Path.Combine(_folder, "lost.wav"));
        using var admin = await fixture.SignedInAsync(Roles.Admin);
        using var viewer = await fixture.SignedInAsync(Roles.Viewer);

        await Problem.ReadAsync(await viewer.DeleteAsync($"/api/v1/recordings/{kept}"), HttpStatusCode.Forbidden);
        (await (await admin.DeleteAsync($"/api/v1/recordings/{kept}")).Content.ReadFromJsonAsync<RecordingDeleted>()).ShouldBe(new RecordingDeleted(kept, false));
        File.Exists(Path.Combine(_folder, "delete.wav")).ShouldBeFalse();
        await Problem.ReadAsync(await admin.GetAsync($"/api/v1/recordings/{kept}"), HttpStatusCode.NotFound);

        await Problem.ReadAsync(await admin.GetAsync($"/api/v1/recordings/{lost}/content"), HttpStatusCode.NotFound);
        (await (await admin.DeleteAsync($"/api/v1/recordings/{lost}")).Content.ReadFromJsonAsync<RecordingDeleted>()).ShouldBe(new RecordingDeleted(lost, true));
        await Problem.ReadAsync(await admin.DeleteAsync($"/api/v1/recordings/{lost}"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task List_filters_by_call_and_hides_the_file_path()
    {
        var id = await AddRecordingAsync("listed.wav", [1], "audio/wav", "listed-call");
        using var client = await fixture.SignedInAsync(Roles.Viewer);

        var body = await client.GetStringAsync("/api/v1/recordings?callId=listed-call");

        body.ShouldContain($"\"id\":{id}");
        body.ShouldContain("\"total\":1");
        body.ShouldNotContain(_folder);
    }

    [Fact]
    public async Task Recordings_past_the_retention_lose_their_file_and_row_and_younger_ones_stay()
    {
        var old = await AddRecordingAsync("old.wav", [1, 2, 3], "audio/wav", "retention-old", age: TimeSpan.FromDays(31));
        var young = await AddRecordingAsync("young.wav", [1, 2, 3], "audio/wav", "retention-young", age: TimeSpan.FromDays(29));
        await using var api = await TestApi.StartAsync(fixture.ConnectionString, new Dictionary<string, string?> { ["Media:RecordingRetentionDays"] = "30" });

        // The host sweeps once as it starts too; whichever pass removes the old recording, the outcome is the same.
        await api.Services.GetRequiredService<RecordingRetention>().SweepAsync(DateTimeOffset.UtcNow, CancellationToken.None);

        File.Exists(Path.Combine(_folder, "old.wav")).ShouldBeFalse();
        File.Exists(Path.Combine(_folder, "young.wav")).ShouldBeTrue();
        await using var connection = await fixture.Db.OpenConnectionAsync();
        (await connection.QueryAsync<long>("select id from recordings where id = any(@ids)", new { ids = new[] { old, young } })).ShouldBe([young]);
    }

    private async Task<long> AddRecordingAsync(string name, byte[] audio, string contentType, string callId = "recording-test", TimeSpan age = default)
    {
        var path = Path.Combine(_folder, name);
        await File.WriteAllBytesAsync(path, audio);
        await using var connection = await fixture.Db.OpenConnectionAsync();
        return await connection.ExecuteScalarAsync<long>(
            """
            insert into recordings (call_id, file_path, content_type, size_bytes, created_at)
            values (@callId, @path, @contentType, @size, now() - @age) returning id
            """,
            new { callId, path, contentType, size = audio.Length, age });
    }
}
