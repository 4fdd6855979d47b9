using Microsoft.Playwright;

namespace Pbx.ConsoleTests;

/// <summary>Steps every console test takes.</summary>
internal static class ConsolePage
{
    public static async Task<IPage> SignInAsync(Browser browser, EmbeddedPbx pbx, string role, int width = 1280, int height = 800)
    {
        var page = await browser.NewPageAsync(pbx.BaseAddress, width, height);
        await page.GotoAsync("/console/");
        await page.GetByLabel("User name").FillAsync(role);
        await page.GetByLabel("Password").FillAsync(EmbeddedPbx.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Dashboard" })).ToBeVisibleAsync();
        return page;
    }

    /// <summary>Opens a console page the way a user would, from the main navigation, and waits for its heading.</summary>
    public static async Task OpenAsync(IPage page, string linkName, string heading)
    {
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = linkName, Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = heading }).First).ToBeVisibleAsync();
    }
}
