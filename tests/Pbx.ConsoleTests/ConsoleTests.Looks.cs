using Microsoft.Playwright;
using Shouldly;
using static Microsoft.Playwright.Assertions;

namespace Pbx.ConsoleTests;

/// <summary>What the console looks like where users reported it misleading: blank names, a faded button, ragged filters, deletes without asking.</summary>
public sealed partial class ConsoleTests
{
    [Fact]
    public async Task An_extension_without_a_name_shows_a_dash_read_as_no_name()
    {
        await pbx.CreateExtensionAsync("7831", "");
        var page = await ConsolePage.SignInAsync(browser, pbx, "viewer", 1920, 1080);
        await ConsolePage.OpenAsync(page, "Extensions", "Extensions");
        var nameCell = page.Locator("tr[data-number='7831'] td").Nth(1);
        await Expect(nameCell).ToHaveAccessibleNameAsync("No name");
        await Expect(nameCell.GetByText("—")).ToBeVisibleAsync();

        await ConsolePage.OpenAsync(page, "Wallboard", "Active calls");
        await Expect(page.Locator(".wb-ext[data-number='7831'] .name").GetByText("—")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task The_wallboards_full_screen_button_looks_as_usable_as_it_is()
    {
        var page = await ConsolePage.SignInAsync(browser, pbx, "viewer", 1920, 1080);
        await ConsolePage.OpenAsync(page, "Wallboard", "Active calls");
        var button = page.GetByRole(AriaRole.Button, new() { Name = "Full screen" });
        await Expect(button).ToBeEnabledAsync();
        // Faded (opacity .6, white on the dark board) it read as disabled; a usable button is drawn at full strength.
        await Expect(button).ToHaveCSSAsync("opacity", "1");
        await Expect(button).ToHaveCSSAsync("background-color", "rgb(43, 108, 176)");
    }

    [Fact]
    public async Task Call_history_filters_line_up_on_one_baseline()
    {
        var page = await ConsolePage.SignInAsync(browser, pbx, "operator", 1920, 1080);
        await ConsolePage.OpenAsync(page, "Call history", "Call history");
        var controls = page.GetByRole(AriaRole.Search).Locator("input, select, button");
        await Expect(controls).ToHaveCountAsync(7);
        var boxes = new List<LocatorBoundingBoxResult>();
        foreach (var control in await controls.AllAsync())
            boxes.Add((await control.BoundingBoxAsync())!);
        boxes.Select(b => Math.Round(b.Y + b.Height)).Distinct().ShouldHaveSingleItem("every field and button ends on the same line");
        boxes.Select(b => Math.Round(b.Height)).Distinct().ShouldHaveSingleItem("date, text and choice fields are as tall as each other");
    }

    [Fact]
    public async Task Deleting_a_DID_number_asks_first_and_keeps_it_when_declined()
    {
        var page = await ConsolePage.SignInAsync(browser, pbx, "admin");
        await ConsolePage.OpenAsync(page, "DID numbers", "DID numbers");
        var form = page.GetByRole(AriaRole.Form, new() { Name = "Add a DID number" });
        await form.GetByLabel("Number").FillAsync("+998712009901");
        await form.GetByRole(AriaRole.Button, new() { Name = "Add" }).ClickAsync();
        var row = page.Locator("tr[data-number='+998712009901']");
        await Expect(row).ToHaveCountAsync(1);

        var confirmations = AnswerConfirmations(page, accept: false);
        await row.GetByRole(AriaRole.Button, new() { Name = "Delete" }).ClickAsync();
        confirmations.Asked.ShouldBe(["Delete DID +998712009901?"]);
        await Expect(row).ToHaveCountAsync(1);

        confirmations.Accept = true;
        await row.GetByRole(AriaRole.Button, new() { Name = "Delete" }).ClickAsync();
        await Expect(row).ToHaveCountAsync(0);
        await Expect(page.GetByRole(AriaRole.Main).GetByRole(AriaRole.Status)).ToHaveTextAsync("Deleted.");
    }
}
