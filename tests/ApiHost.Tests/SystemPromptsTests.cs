using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using Pbx.ApiHost.Apis.Prompts;
using Pbx.ApiHost.Auth;
using Pbx.ApiHost.Paging;
using Pbx.Data.Prompts;
using Pbx.Data.Users;
using Pbx.TestSupport;

namespace Pbx.ApiHost.Tests;

/// <summary>
/// The built-in prompts spoken by the real espeak-ng at an API host's start, on a database of their own (so the counts are
/// this class's alone). espeak-ng missing fails the generating tests with what to install.
/// </summary>
public sealed class SystemPromptsTests : IAsyncLifetime
{
    private readonly PostgresDatabase _database = new();
    private readonly string _folder = Directory.CreateTempSubdirectory("pbx-system-prompts-").FullName;

    public async Task InitializeAsync()
    {
        await ProductionSchema.ApplyAsync(_database.ConnectionString);
        await using var db = NpgsqlDataSource.Create(_database.ConnectionString);
        await new UserRepository(db).CreateAsync(Roles.Admin, ApiFixture.Password, Roles.Admin);
    }

    public Task DisposeAsync()
    {
        Directory.Delete(_folder, recursive: true);
        return Task.CompletedTask;
    }

    [Fact]
    public void Every_prompt_is_spoken_in_english_russian_and_uzbek_latin()
    {
        SystemPromptTexts.All.GroupBy(text => text.Name).ShouldAllBe(group => group.Select(text => text.Language).Order().SequenceEqual(new[] { "en", "ru", "uz" }));
        SystemPromptTexts.All.Select(text => text.Name).ShouldContain("digit-0");
        SystemPromptTexts.All.Select(text => text.Name).ShouldContain("digit-9");
        SystemPromptTexts.All.Where(text => text.Language == "uz").ShouldAllBe(text => text.Text.All(c => c < 0x400), "Uzbek is written in Latin script");
        SystemPromptTexts.All.Where(text => text.Language == "ru").ShouldAllBe(text => text.Text.Any(c => c >= 0x400 && c < 0x500));
    }

    [Fact]
    public async Task The_first_start_speaks_every_system_prompt_and_a_later_start_keeps_them_and_an_admins_replacement()
    {
        var espeak = ExternalTool.Require("espeak-ng", "espeak-ng");

        List<Prompt> first;
        Prompt replacement;
        await using (var api = await StartAsync(espeak))
        {
            first = await ListAsync(api);
            first.Count.ShouldBe(SystemPromptTexts.All.Count);
            first.ShouldAllBe(prompt => prompt.Kind == PromptKinds.System);
            var (client, _) = await api.SignInAsync(Roles.Admin);
            var welcomeRu = first.Single(prompt => prompt.Name == "welcome" && prompt.Language == "ru");
            var wav = await client.GetByteArrayAsync($"/api/v1/prompts/{welcomeRu.Id}/content");
            PromptUploads.ReadWav(wav).ShouldBe((1, 1, 8000, 16, welcomeRu.DurationMs));
            welcomeRu.DurationMs.ShouldBeGreaterThan(400, "\"Добро пожаловать\" takes more than 0.4 s to say");
            using var upload = await PromptUploads.UploadAsync(client, await File.ReadAllBytesAsync(UploadSamples.Mp3), "bye.mp3", "goodbye", "en");
            replacement = (await upload.Content.ReadFromJsonAsync<Prompt>())!;
        }

        await using (var again = await StartAsync(espeak))
        {
            var second = await ListAsync(again);
            second.Count.ShouldBe(first.Count);
            second.Single(prompt => prompt.Id == replacement.Id).ShouldBe(replacement);
            second.Where(prompt => prompt.Id != replacement.Id).ShouldBe(first.Where(prompt => prompt.Id != replacement.Id));
        }
        Directory.GetFiles(Path.Combine(_folder, PromptLibrary.Folder)).Length.ShouldBe(first.Count, "the spoken goodbye's file went with its replacement");
    }

    [Fact]
    public async Task Without_espeak_ng_no_system_prompt_is_made_one_line_says_so_and_the_api_still_starts()
    {
        var log = new LogLines();

        await using var api = await StartAsync("/nonexistent/espeak-ng", log);

        (await ListAsync(api)).ShouldBeEmpty();
        log.Lines.Where(line => line.Contains("espeak-ng", StringComparison.Ordinal)).ShouldHaveSingleItem()
            .ShouldContain("Media:EspeakNgPath");
    }

    /// <summary>An API host whose start-up work (sweep and system prompts) is over.</summary>
    private async Task<TestApi> StartAsync(string espeak, LogLines? log = null)
    {
        var api = await TestApi.StartAsync(_database.ConnectionString, new Dictionary<string, string?>
        {
            ["Media:PromptsDirectory"] = _folder,
            ["Media:EspeakNgPath"] = espeak,
        }, services =>
        {
            if (log is not null)
                services.AddSingleton<ILoggerProvider>(log);
        });
        var startup = api.Services.GetServices<IHostedService>().OfType<PromptLibraryStartup>().Single();
        await startup.ExecuteTask!.WaitAsync(TimeSpan.FromSeconds(120));
        return api;
    }

    private static async Task<List<Prompt>> ListAsync(TestApi api)
    {
        var (client, _) = await api.SignInAsync(Roles.Admin);
        using (client)
        {
            var page = await client.GetFromJsonAsync<PagedResult<Prompt>>($"/api/v1/prompts?pageSize={PageQuery.MaxPageSize}");
            return [.. page!.Items];
        }
    }
}
