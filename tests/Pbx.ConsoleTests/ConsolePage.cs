using Microsoft.Playwright;

namespace Pbx.ConsoleTests;

/// <summary>Steps every console test takes.</summary>
internal static class ConsolePage
{
    /// <summary>Signs in from a browser set to <paramref name="language"/> (English unless given), which the console follows.</summary>
    public static async Task<IPage> SignInAsync(
        Browser browser, EmbeddedPbx pbx, string role, int width = 1280, int height = 800, ConsoleLanguage? language = null)
    {
        language ??= ConsoleLanguage.English;
        var page = await browser.NewPageAsync(pbx.BaseAddress, width, height, language.Locale);
        await SignInAsync(page, role, language);
        return page;
    }

    /// <summary>Signs in on a page already made (with routes of its own), in the language its browser is set to.</summary>
    public static async Task SignInAsync(IPage page, string role, ConsoleLanguage language)
    {
        await page.GotoAsync("/console/");
        await page.GetByLabel(language.UserName).FillAsync(role);
        await page.GetByLabel(language.Password).FillAsync(EmbeddedPbx.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = language.SignIn }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = language.Dashboard })).ToBeVisibleAsync();
    }

    /// <summary>Opens a console page the way a user would, from the main navigation, and waits for its heading.</summary>
    public static async Task OpenAsync(IPage page, string linkName, string heading)
    {
        // The header's navigation, whatever the language calls it.
        await page.GetByRole(AriaRole.Banner).GetByRole(AriaRole.Navigation).GetByRole(AriaRole.Link, new() { Name = linkName, Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = heading }).First).ToBeVisibleAsync();
    }
}
