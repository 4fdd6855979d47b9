using Pbx.Data.Prompts;

namespace Pbx.Data.Tests.Prompts;

/// <summary>The <c>prompts</c> rows as the library writes them: uploads replace by name and language, system prompts never overwrite.</summary>
public sealed class PromptRepositoryTests(MigratedDatabase database) : IClassFixture<MigratedDatabase>
{
    [Fact]
    public async Task An_upload_over_a_system_prompt_keeps_its_id_and_names_the_file_it_replaced()
    {
        var prompts = new PromptRepository(database.DataSource);
        var system = (await prompts.AddSystemAsync(new PromptAudio("repo-goodbye", "uz", "library/spoken.wav", 700, 11244), CancellationToken.None))!;

        var saved = await prompts.SaveUploadAsync(new PromptAudio("repo-goodbye", "uz", "library/mine.wav", 1500, 24044), CancellationToken.None);

        saved.ReplacedFile.ShouldBe("library/spoken.wav");
        saved.Prompt.ShouldBe(saved.Prompt with { Id = system.Id, Kind = PromptKinds.Uploaded, File = "library/mine.wav", DurationMs = 1500 });
        (await prompts.ListFilesAsync(CancellationToken.None)).ShouldNotContain("library/spoken.wav");
    }

    [Fact]
    public async Task A_system_prompt_is_not_added_where_its_name_and_language_exist_and_no_language_is_a_language_of_its_own()
    {
        var prompts = new PromptRepository(database.DataSource);
        (await prompts.SaveUploadAsync(new PromptAudio("repo-welcome", "en", "library/upload.wav", 900, 14444), CancellationToken.None)).ReplacedFile.ShouldBeNull();

        (await prompts.AddSystemAsync(new PromptAudio("repo-welcome", "en", "library/spoken-en.wav", 800, 12844), CancellationToken.None)).ShouldBeNull();
        var neutral = await prompts.AddSystemAsync(new PromptAudio("repo-welcome", null, "library/spoken-any.wav", 800, 12844), CancellationToken.None);

        neutral!.Language.ShouldBeNull();
        var names = await prompts.ListNamesAsync(CancellationToken.None);
        names.ShouldContain(("repo-welcome", "en"));
        names.ShouldContain(("repo-welcome", (string?)null));
        (await prompts.GetAsync((await prompts.ListAsync("repo-welcome", "en", 0, 10, CancellationToken.None)).Rows.Single().Id, CancellationToken.None))!
            .Kind.ShouldBe(PromptKinds.Uploaded);
    }

    [Fact]
    public async Task Deleting_keeps_a_system_prompt_and_a_row_whose_file_stays()
    {
        var prompts = new PromptRepository(database.DataSource);
        var system = (await prompts.AddSystemAsync(new PromptAudio("repo-busy", "ru", "library/busy.wav", 600, 9644), CancellationToken.None))!;
        var upload = (await prompts.SaveUploadAsync(new PromptAudio("repo-hold", "ru", "library/hold.wav", 600, 9644), CancellationToken.None)).Prompt;

        (await prompts.DeleteUploadedAsync(system.Id, _ => true, CancellationToken.None)).Deleted.ShouldBeFalse();
        (await prompts.DeleteUploadedAsync(upload.Id, _ => false, CancellationToken.None)).Deleted.ShouldBeFalse();
        (await prompts.GetAsync(upload.Id, CancellationToken.None)).ShouldNotBeNull();
        (await prompts.DeleteUploadedAsync(upload.Id, _ => true, CancellationToken.None)).Deleted.ShouldBeTrue();

        (await prompts.GetAsync(system.Id, CancellationToken.None)).ShouldNotBeNull();
        (await prompts.GetAsync(upload.Id, CancellationToken.None)).ShouldBeNull();
    }
}
