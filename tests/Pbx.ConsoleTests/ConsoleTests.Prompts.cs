using Microsoft.Playwright;
using Pbx.TestSupport;
using Shouldly;
using static Microsoft.Playwright.Assertions;

namespace Pbx.ConsoleTests;

/// <summary>The prompts library and time conditions pages against the embedded PBX (whose system prompts espeak-ng speaks at start).</summary>
public sealed partial class ConsoleTests
{
    [Fact]
    public async Task Admin_uploads_an_mp3_prompt_plays_it_in_the_browser_and_deletes_it()
    {
        var page = await ConsolePage.SignInAsync(browser, pbx, "admin");
        await ConsolePage.OpenAsync(page, "Prompts", "Prompts");
        var form = page.GetByRole(AriaRole.Form, new() { Name = "Upload a prompt" });
        await form.GetByLabel("Audio file").SetInputFilesAsync(UploadSamples.Mp3);
        await form.GetByLabel("Name").FillAsync("console welcome");
        await form.GetByLabel("Language").SelectOptionAsync("ru");
        await form.GetByRole(AriaRole.Button, new() { Name = "Upload" }).ClickAsync();

        await Expect(page.Locator("p.notice[role=status]")).ToHaveTextAsync("Prompt uploaded.");
        var row = page.Locator("tr[data-name='console welcome'][data-language='ru']");
        await Expect(row).ToContainTextAsync("Русский");
        await Expect(row).ToContainTextAsync("uploaded");
        await row.GetByRole(AriaRole.Button, new() { Name = "Play" }).ClickAsync();
        var audio = row.Locator("audio");
        await Expect(audio).ToBeVisibleAsync();
        // The browser has read the converted WAV's header: the 0.6 s tone (and the MP3's padding).
        await page.WaitForFunctionAsync("a => a.readyState >= 1 && a.duration > 0.55 && a.duration < 0.75", await audio.ElementHandleAsync());
        await Browser.ScreenshotAsync(page, "prompts");

        var confirmations = AnswerConfirmations(page, accept: true);
        await row.GetByRole(AriaRole.Button, new() { Name = "Delete console welcome (ru)" }).ClickAsync();
        await Expect(page.Locator("p.notice[role=status]")).ToHaveTextAsync("Prompt deleted.");
        await Expect(row).ToHaveCountAsync(0);
        confirmations.Asked.ShouldHaveSingleItem().ShouldContain("console welcome (ru)");
    }

    [Fact]
    public async Task An_upload_in_no_accepted_format_is_refused_in_the_users_language()
    {
        var page = await ConsolePage.SignInAsync(browser, pbx, "admin", language: ConsoleLanguage.Uzbek);
        await ConsolePage.OpenAsync(page, "Ovozli xabarlar", "Ovozli xabarlar");
        var text = Path.Combine(Path.GetTempPath(), $"notes-{Guid.NewGuid():N}.wav");
        await File.WriteAllTextAsync(text, "not audio at all");
        await page.GetByLabel("Audio fayl").SetInputFilesAsync(text);
        await page.GetByRole(AriaRole.Button, new() { Name = "Yuklash" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Alert).First).ToContainTextAsync("WAV, MP3 yoki Ogg Vorbis");
        await Browser.ScreenshotAsync(page, "languages/uz-prompts-refused");
        File.Delete(text);
    }

    [Fact]
    public async Task Russian_time_conditions_page_saves_hours_shows_open_now_and_the_switch_closes_it()
    {
        var page = await ConsolePage.SignInAsync(browser, pbx, "admin", language: ConsoleLanguage.Russian);
        await ConsolePage.OpenAsync(page, "Расписания", "Расписания");
        await page.GetByRole(AriaRole.Button, new() { Name = "Новое расписание" }).ClickAsync();
        var form = page.GetByRole(AriaRole.Form, new() { Name = "Новое расписание" });
        await form.GetByLabel("Название").FillAsync("Круглосуточно");
        foreach (var day in new[] { "Понедельник", "Вторник", "Среда", "Четверг", "Пятница", "Суббота", "Воскресенье" })
            await form.GetByLabel(day).FillAsync("00:00-24:00");
        // A second range on Monday overlapping the first: the server refuses it, naming the day and hours.
        await form.GetByLabel("Понедельник").FillAsync("00:00-24:00, 09:00-10:00");
        await form.GetByRole(AriaRole.Button, new() { Name = "Сохранить" }).ClickAsync();
        await Expect(form.Locator("ul.field-errors")).ToContainTextAsync("Понедельник 09:00-10:00");

        await form.GetByLabel("Понедельник").FillAsync("00:00-24:00");
        await form.GetByLabel("Праздники").FillAsync("2099-12-31..2100-01-02 Новый год");
        await form.GetByRole(AriaRole.Button, new() { Name = "Сохранить" }).ClickAsync();
        var row = page.Locator("tr[data-condition='Круглосуточно']");
        await Expect(row.GetByTestId("state")).ToContainTextAsync("Открыто");
        await Expect(row.GetByTestId("state")).ToContainTextAsync("рабочие часы");
        await Browser.ScreenshotAsync(page, "languages/ru-time-conditions");

        await row.GetByLabel("Переключатель день/ночь Круглосуточно").SelectOptionAsync("force-closed");
        await Expect(row.GetByTestId("state")).ToContainTextAsync("Закрыто");
        await Expect(row.GetByTestId("state")).ToContainTextAsync("переключено вручную");
    }
}
