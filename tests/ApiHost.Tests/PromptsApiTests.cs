using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Pbx.ApiHost.Apis.Prompts;
using Pbx.ApiHost.Auth;
using Pbx.Data.IvrMenus;
using Pbx.Data.Prompts;
using Pbx.TestSupport;

namespace Pbx.ApiHost.Tests;

/// <summary>
/// The prompts library on the real API (Kestrel on loopback, PostgreSQL), with a prompts folder and a 400 KB upload limit
/// of its own. Each test uses prompt names of its own.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class PromptsApiTests(ApiFixture fixture) : IAsyncLifetime
{
    private const long MaxUpload = 400_000;

    private readonly string _folder = Directory.CreateTempSubdirectory("pbx-prompts-").FullName;
    private readonly string _sources = Directory.CreateTempSubdirectory("pbx-prompt-sources-").FullName;
    private TestApi _api = null!;
    private HttpClient _admin = null!;
    private HttpClient _viewer = null!;

    private string Library => Path.Combine(_folder, PromptLibrary.Folder);

    public async Task InitializeAsync()
    {
        _api = await TestApi.StartAsync(fixture.ConnectionString, new Dictionary<string, string?>
        {
            ["Media:PromptsDirectory"] = _folder,
            ["Media:PromptMaxUploadBytes"] = MaxUpload.ToString(),
        });
        _admin = (await _api.SignInAsync(Roles.Admin)).Client;
        _viewer = (await _api.SignInAsync(Roles.Viewer)).Client;
    }

    public async Task DisposeAsync()
    {
        _admin.Dispose();
        _viewer.Dispose();
        await _api.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
        Directory.Delete(_sources, recursive: true);
    }

    public static TheoryData<string> Formats => [.. UploadSamples.SoxFormats.Keys, "mp3"];

    [Theory]
    [MemberData(nameof(Formats))]
    public async Task Every_accepted_format_is_stored_as_an_8kHz_mono_wav_that_the_browser_can_play(string format)
    {
        var name = $"upload {format}";

        using var response = await PromptUploads.UploadAsync(_admin, Source(format), format, name, "en");

        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        var prompt = (await response.Content.ReadFromJsonAsync<Prompt>())!;
        prompt.ShouldBe(prompt with { Name = name, Language = "en", Kind = PromptKinds.Uploaded });
        prompt.DurationMs.ShouldBeInRange(595, 700);
        response.Headers.Location!.ToString().ShouldBe($"/api/v1/prompts/{prompt.Id}");

        using var content = await _viewer.GetAsync($"/api/v1/prompts/{prompt.Id}/content");
        content.StatusCode.ShouldBe(HttpStatusCode.OK);
        content.Content.Headers.ContentType!.MediaType.ShouldBe("audio/wav");
        // No attachment disposition: an <audio> element plays it in place.
        content.Content.Headers.ContentDisposition.ShouldBeNull();
        var wav = await content.Content.ReadAsByteArrayAsync();
        PromptUploads.ReadWav(wav).ShouldBe((1, 1, 8000, 16, prompt.DurationMs));
        wav.Length.ShouldBe((int)prompt.SizeBytes);
        File.Exists(Path.Combine(_folder, prompt.File)).ShouldBeTrue();
    }

    [Fact]
    public async Task An_unsupported_format_gets_415_saying_which_formats_are_accepted_and_nothing_is_stored()
    {
        var flac = UploadSamples.MakeWithSox(_sources, "pcm16-8k-mono.wav").Replace(".wav", ".flac", StringComparison.Ordinal);
        RunSox($"-n -r 8000 -c 1 {flac} synth 0.3 sine 440");

        using var response = await PromptUploads.UploadAsync(_admin, await File.ReadAllBytesAsync(flac), "hold-music.flac", "unsupported flac");

        var problem = await Problem.ReadAsync(response, HttpStatusCode.UnsupportedMediaType);
        problem.GetProperty("code").GetString().ShouldBe("prompt.unsupported_format");
        var detail = problem.GetProperty("detail").GetString()!;
        detail.ShouldContain("'hold-music.flac'");
        detail.ShouldContain("WAV");
        detail.ShouldContain("MP3");
        detail.ShouldContain("Ogg Vorbis");
        await ShouldNotBeStoredAsync("unsupported flac");
    }

    public static TheoryData<string, byte[]> CorruptFiles => new()
    {
        // A RIFF WAVE header whose fmt chunk is cut short.
        { "cut.wav", [.. "RIFF"u8, 0x24, 0, 0, 0, .. "WAVEfmt "u8, 16, 0, 0, 0, 1, 0] },
        // An ID3 tag followed by no MPEG frame at all.
        { "noise.mp3", [.. "ID3"u8, 3, 0, 0, 0, 0, 0, 10, .. Enumerable.Range(0, 4000).Select(i => (byte)(i * 7919 % 251))] },
        // The first Ogg page of a Vorbis stream, then garbage.
        { "broken.ogg", [.. "OggS"u8, 0, 2, .. new byte[20], 1, 30, 1, .. "vorbis"u8, .. Enumerable.Range(0, 500).Select(i => (byte)(i * 31))] },
    };

    [Theory]
    [MemberData(nameof(CorruptFiles))]
    public async Task A_corrupt_file_in_an_accepted_format_gets_400_naming_the_file_and_nothing_is_stored(string fileName, byte[] content)
    {
        var name = $"corrupt {fileName}";

        using var response = await PromptUploads.UploadAsync(_admin, content, fileName, name);

        var problem = await Problem.ReadAsync(response, HttpStatusCode.BadRequest);
        problem.GetProperty("code").GetString().ShouldBe("prompt.unreadable_audio");
        problem.GetProperty("errors").GetProperty("file")[0].GetString()!.ShouldContain($"'{fileName}'");
        await ShouldNotBeStoredAsync(name);
    }

    /// <summary>Just over the limit is refused by the endpoint; far over it, by Kestrel before the body is read.</summary>
    [Theory]
    [InlineData(MaxUpload + 1)]
    [InlineData(MaxUpload * 3)]
    public async Task A_file_over_the_limit_gets_413_and_nothing_is_stored(long size)
    {
        var name = $"too large {size}";
        var wav = new byte[size];
        "RIFF"u8.CopyTo(wav);
        "WAVE"u8.CopyTo(wav.AsSpan(8));

        using var response = await PromptUploads.UploadAsync(_admin, wav, "long.wav", name);

        var problem = await Problem.ReadAsync(response, HttpStatusCode.RequestEntityTooLarge);
        problem.GetProperty("code").GetString().ShouldBe("request.too_large");
        await ShouldNotBeStoredAsync(name);
    }

    [Fact]
    public async Task An_upload_with_the_name_and_language_of_a_prompt_replaces_it_keeping_its_id()
    {
        var first = await (await PromptUploads.UploadAsync(_admin, Source("pcm16-8k-mono.wav"), "a.wav", "replaced", "ru")).Content.ReadFromJsonAsync<Prompt>();
        var other = await PromptUploads.UploadAsync(_admin, Source("pcm16-8k-mono.wav"), "a.wav", "replaced", "uz");
        other.StatusCode.ShouldBe(HttpStatusCode.Created);

        using var again = await PromptUploads.UploadAsync(_admin, Source("mp3"), "b.mp3", "replaced", "ru");

        again.StatusCode.ShouldBe(HttpStatusCode.OK);
        var second = (await again.Content.ReadFromJsonAsync<Prompt>())!;
        second.Id.ShouldBe(first!.Id);
        second.File.ShouldNotBe(first.File);
        File.Exists(Path.Combine(_folder, first.File)).ShouldBeFalse();
        File.Exists(Path.Combine(_folder, second.File)).ShouldBeTrue();
        (await _viewer.GetStringAsync("/api/v1/prompts?name=replaced")).ShouldContain("\"total\":2");
    }

    [Fact]
    public async Task A_system_prompt_cannot_be_deleted_but_an_upload_replaces_it_and_can_then_be_deleted()
    {
        var library = _api.Services.GetRequiredService<PromptLibrary>();
        Prompt system;
        await using (var wav = File.OpenRead(UploadSamples.MakeWithSox(_sources, "pcm16-8k-mono.wav")))
            system = (await library.AddSystemAsync(wav, "system test", "en", CancellationToken.None))!;

        var refused = await Problem.ReadAsync(await _admin.DeleteAsync($"/api/v1/prompts/{system.Id}"), HttpStatusCode.Conflict);
        refused.GetProperty("code").GetString().ShouldBe("prompt.system");
        using var replaced = await PromptUploads.UploadAsync(_admin, Source("mp3"), "mine.mp3", "system test", "en");
        var mine = (await replaced.Content.ReadFromJsonAsync<Prompt>())!;

        mine.ShouldBe(mine with { Id = system.Id, Kind = PromptKinds.Uploaded });
        (await _admin.DeleteAsync($"/api/v1/prompts/{system.Id}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        File.Exists(Path.Combine(_folder, mine.File)).ShouldBeFalse();
        await Problem.ReadAsync(await _viewer.GetAsync($"/api/v1/prompts/{system.Id}"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_menu_greeting_uploaded_for_the_menu_becomes_its_greeting_in_the_menu_s_language()
    {
        (await _admin.PostAsJsonAsync("/api/v1/ivr-menus", new { id = "greeted", name = "Greeted", greeting = "welcome", language = "uz" }))
            .StatusCode.ShouldBe(HttpStatusCode.Created);

        using var form = new MultipartFormDataContent { { new ByteArrayContent(Source("pcm16-44k-stereo.wav")), "file", "salom.wav" } };
        var uploaded = await _admin.PostAsync("/api/v1/ivr-menus/greeted/greeting", form);
        using var text = new MultipartFormDataContent { { new ByteArrayContent("not audio"u8.ToArray()), "file", "notes.txt" } };
        var refused = await _admin.PostAsync("/api/v1/ivr-menus/greeted/greeting", text);
        using var elsewhere = new MultipartFormDataContent { { new ByteArrayContent(Source("pcm16-8k-mono.wav")), "file", "x.wav" } };
        var missing = await _admin.PostAsync("/api/v1/ivr-menus/no-such-menu/greeting", elsewhere);

        (await uploaded.Content.ReadFromJsonAsync<IvrMenu>())!.Greeting.ShouldBe("menu-greeted-greeting");
        (await _viewer.GetStringAsync("/api/v1/prompts?name=menu-greeted-greeting&language=uz")).ShouldContain("\"total\":1");
        await Problem.ReadAsync(refused, HttpStatusCode.UnsupportedMediaType);
        await Problem.ReadAsync(missing, HttpStatusCode.NotFound);
        (await _viewer.GetFromJsonAsync<IvrMenu>("/api/v1/ivr-menus/greeted"))!.Greeting.ShouldBe("menu-greeted-greeting", "a refused file changes nothing");
    }

    [Fact]
    public async Task Viewers_and_operators_listen_but_only_admins_upload_and_delete()
    {
        using var created = await PromptUploads.UploadAsync(_admin, Source("pcm16-8k-mono.wav"), "r.wav", "roles");
        var prompt = (await created.Content.ReadFromJsonAsync<Prompt>())!;
        using var operatorClient = (await _api.SignInAsync(Roles.Operator)).Client;
        using var phoneUser = (await _api.SignInAsync(Roles.User)).Client;

        (await operatorClient.GetAsync($"/api/v1/prompts/{prompt.Id}/content")).StatusCode.ShouldBe(HttpStatusCode.OK);
        await Problem.ReadAsync(await PromptUploads.UploadAsync(operatorClient, Source("pcm16-8k-mono.wav"), "r.wav", "roles 2"), HttpStatusCode.Forbidden);
        await Problem.ReadAsync(await _viewer.DeleteAsync($"/api/v1/prompts/{prompt.Id}"), HttpStatusCode.Forbidden);
        await Problem.ReadAsync(await phoneUser.GetAsync("/api/v1/prompts"), HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task A_bad_name_or_language_gets_400_naming_the_field()
    {
        using var response = await PromptUploads.UploadAsync(_admin, Source("pcm16-8k-mono.wav"), "x.wav", "../etc/passwd", "English!");

        var errors = await Problem.ReadValidationAsync(response);

        errors.Keys.ShouldBe(["name", "language"], ignoreOrder: true);
    }

    [Fact]
    public async Task Without_a_name_the_prompt_is_named_after_its_file()
    {
        using var response = await PromptUploads.UploadAsync(_admin, Source("pcm16-8k-mono.wav"), "Main menu (v2).wav");

        (await response.Content.ReadFromJsonAsync<Prompt>())!.Name.ShouldBe("Main menu -v2-");
    }

    [Fact]
    public async Task The_sweep_removes_old_files_no_prompt_names_and_keeps_the_rest()
    {
        using var created = await PromptUploads.UploadAsync(_admin, Source("pcm16-8k-mono.wav"), "s.wav", "swept");
        var named = (await created.Content.ReadFromJsonAsync<Prompt>())!;
        File.SetLastWriteTimeUtc(Path.Combine(_folder, named.File), DateTime.UtcNow.AddHours(-1));
        var crashed = Path.Combine(Library, "crashed-between-file-and-row.wav");
        var inFlight = Path.Combine(Library, "upload-in-flight.wav.part");
        var adminsOwn = Path.Combine(_folder, "hold-music.wav");
        foreach (var path in new[] { crashed, inFlight, adminsOwn })
            await File.WriteAllBytesAsync(path, [1, 2, 3]);
        File.SetLastWriteTimeUtc(crashed, DateTime.UtcNow.AddHours(-1));
        File.SetLastWriteTimeUtc(adminsOwn, DateTime.UtcNow.AddHours(-1));

        await _api.Services.GetRequiredService<PromptLibrary>().SweepOrphansAsync(CancellationToken.None);

        File.Exists(crashed).ShouldBeFalse();
        File.Exists(inFlight).ShouldBeTrue();
        File.Exists(adminsOwn).ShouldBeTrue();
        (await _viewer.GetAsync($"/api/v1/prompts/{named.Id}/content")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    private byte[] Source(string format) =>
        File.ReadAllBytes(format == "mp3" ? UploadSamples.Mp3 : UploadSamples.MakeWithSox(_sources, format));

    private async Task ShouldNotBeStoredAsync(string name)
    {
        var page = JsonDocument.Parse(await _viewer.GetStringAsync($"/api/v1/prompts?name={Uri.EscapeDataString(name)}")).RootElement;
        page.GetProperty("total").GetInt64().ShouldBe(0);
        (Directory.Exists(Library) ? Directory.GetFiles(Library) : []).ShouldBeEmpty();
    }

    private static void RunSox(string arguments)
    {
        using var sox = System.Diagnostics.Process.Start(ExternalTool.Require("sox", "sox"), arguments);
        sox.WaitForExit(30_000).ShouldBeTrue();
        sox.ExitCode.ShouldBe(0);
    }
}
