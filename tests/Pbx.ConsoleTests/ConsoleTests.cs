using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Pbx.Grains.Live;
using Pbx.TestSupport;
using Shouldly;
using static Microsoft.Playwright.Assertions;

namespace Pbx.ConsoleTests;

/// <summary>The web console in headless Chromium against the embedded PBX; each test leaves screenshots for review.</summary>
[Collection(PbxCollection.Name)]
public sealed partial class ConsoleTests(EmbeddedPbx pbx, Browser browser)
{
    [Fact]
    public async Task Admin_creates_an_extension_and_sees_it_register_live()
    {
        var page = await ConsolePage.SignInAsync(browser, pbx, "admin");
        await Expect(page.GetByTestId("registered")).ToBeVisibleAsync();
        await Browser.ScreenshotAsync(page, "dashboard");

        await ConsolePage.OpenAsync(page, "Extensions", "Extensions");
        await page.GetByRole(AriaRole.Link, new() { Name = "New extension" }).ClickAsync();
        await page.GetByLabel("Number").FillAsync("70 01");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create" }).ClickAsync();
        // The API's validation message is shown next to the field it is about.
        await Expect(page.Locator("#number-error")).ToBeVisibleAsync();
        await Browser.ScreenshotAsync(page, "extension-validation");

        await page.GetByLabel("Number").FillAsync("7001");
        await page.GetByLabel("Display name").FillAsync("Front desk");
        await page.GetByLabel("SIP password").FillAsync("front-desk-secret");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Extension 7001" })).ToBeVisibleAsync();
        await Browser.ScreenshotAsync(page, "extension-detail");

        await ConsolePage.OpenAsync(page, "Extensions", "Extensions");
        var registration = page.Locator("tr[data-number='7001'] [data-testid='registration']");
        await Expect(registration).ToHaveTextAsync("not registered");

        await Sipp.RegisterAsync(pbx.SipPort, "7001", "front-desk-secret");

        // No reload: the hub's registration event updates the row.
        await Expect(registration).ToHaveTextAsync("registered");
        await Browser.ScreenshotAsync(page, "extensions");
        await page.GetByRole(AriaRole.Link, new() { Name = "Edit 7001" }).ClickAsync();
        await Expect(page.Locator("table.bindings")).ToContainTextAsync("sipp-console-test");
        await Browser.ScreenshotAsync(page, "extension-registered");
        await ConsolePage.OpenAsync(page, "Dashboard", "Dashboard");
        // Other tests register phones too: at least this one counts.
        await Expect(page.GetByTestId("registered")).ToHaveTextAsync(SomeRegistered());
    }

    [Fact]
    public async Task Wallboard_shows_a_call_while_it_lasts_and_extension_states()
    {
        await pbx.CreateExtensionAsync("7101", "Sales");
        await pbx.CreateExtensionAsync("7102", "Support");
        await Sipp.RegisterAsync(pbx.SipPort, "7102", EmbeddedPbx.Password);

        var page = await ConsolePage.SignInAsync(browser, pbx, "viewer", 1920, 1080);
        await ConsolePage.OpenAsync(page, "Wallboard", "Active calls");
        // The count shows once the page has subscribed and drawn the current picture.
        await Expect(page.GetByTestId("wallboard-call-count")).ToBeVisibleAsync();

        // The call engine's events, as it publishes them for a call between two extensions.
        var events = pbx.Services.GetRequiredService<ILiveEvents>();
        var started = DateTimeOffset.UtcNow.AddSeconds(-65);
        events.Publish("call", "wallboard-call", "ringing", new { caller = "7101", callee = "7102" }, started);
        events.Publish("call", "wallboard-call", "answered", new { caller = "7101", callee = "7102", answeredAt = started }, started);
        events.Publish("extension", "7102", "in-call", new { callId = "wallboard-call" }, started);

        await Expect(page.Locator(".wb-ext[data-number='7101']")).ToHaveAttributeAsync("data-state", "offline");
        await Expect(page.Locator(".wb-ext[data-number='7102']")).ToHaveAttributeAsync("data-state", "in-call");
        var call = page.Locator("[data-call-id='wallboard-call']");
        await Expect(call).ToContainTextAsync("7101 → 7102");
        // The duration ticks in the browser: it started more than a minute ago.
        await Expect(call.Locator(".ticking")).ToHaveTextAsync(DurationOverAMinute());
        await Browser.ScreenshotAsync(page, "wallboard");

        events.Publish("call", "wallboard-call", "ended", new { disposition = "answered" }, DateTimeOffset.UtcNow);
        events.Publish("extension", "7102", "idle", new { }, DateTimeOffset.UtcNow);
        await Expect(call).ToHaveCountAsync(0);
        await Expect(page.Locator(".wb-ext[data-number='7102']")).ToHaveAttributeAsync("data-state", "idle");
    }

    [Fact]
    public async Task A_real_call_appears_on_the_wallboard_and_disappears_when_it_ends()
    {
        await pbx.CreateExtensionAsync("7401", "Caller");
        await pbx.CreateExtensionAsync("7402", "Callee");
        var calleePort = FreePort.UdpAndTcp();
        await Sipp.RegisterAsync(pbx.SipPort, "7402", EmbeddedPbx.Password, calleePort);
        var page = await ConsolePage.SignInAsync(browser, pbx, "viewer", 1920, 1080);
        await ConsolePage.OpenAsync(page, "Wallboard", "Active calls");
        await Expect(page.GetByTestId("wallboard-call-count")).ToBeVisibleAsync();

        var callee = Sipp.AnswerOneCallAsync(pbx.SipPort, calleePort);
        var caller = Sipp.CallAsync(pbx.SipPort, "7401", EmbeddedPbx.Password, "7402");

        var call = page.Locator(".wb-call", new() { HasText = "7401 → 7402" });
        await Expect(call).ToHaveCountAsync(1);
        await Expect(page.Locator(".wb-ext[data-number='7402']")).ToHaveAttributeAsync("data-state", "in-call");
        await Browser.ScreenshotAsync(page, "wallboard-real-call");
        await Task.WhenAll(caller, callee);
        await Expect(call).ToHaveCountAsync(0);
        await Expect(page.Locator(".wb-ext[data-number='7402']")).ToHaveAttributeAsync("data-state", "idle");
    }

    [Fact]
    public async Task Call_history_filters_and_exports_the_filtered_set_as_csv()
    {
        var today = DateTimeOffset.UtcNow.AddMinutes(-30);
        await pbx.SeedCdrAsync("7201", "7202", "internal", "answered", today, 125);
        await pbx.SeedCdrAsync("7201", "7203", "internal", "no-answer", today.AddMinutes(-5), 0);
        await pbx.SeedCdrAsync("7299", "7202", "internal", "busy", today.AddMinutes(-10), 0);

        var page = await ConsolePage.SignInAsync(browser, pbx, "operator");
        await ConsolePage.OpenAsync(page, "Call history", "Call history");
        await page.GetByLabel("Number").FillAsync("7201");
        await page.GetByRole(AriaRole.Button, new() { Name = "Filter" }).ClickAsync();
        var rows = page.Locator("table.history tbody tr");
        await Expect(rows).ToHaveCountAsync(2);
        await Browser.ScreenshotAsync(page, "history");

        await page.GetByLabel("Result").SelectOptionAsync("answered");
        await page.GetByRole(AriaRole.Button, new() { Name = "Filter" }).ClickAsync();
        await Expect(rows).ToHaveCountAsync(1);
        await Expect(rows.First).ToContainTextAsync("2:05");

        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Button, new() { Name = "Export CSV" }).ClickAsync());
        var csv = await File.ReadAllTextAsync(await download.PathAsync());
        var lines = csv.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines.Length.ShouldBe(2, csv);
        lines[1].ShouldContain("7202");
        csv.ShouldNotContain("7203");
        csv.ShouldNotContain("7299");
    }

    [Fact]
    public async Task Viewer_is_not_offered_changes_and_pages_fit_a_phone()
    {
        var page = await ConsolePage.SignInAsync(browser, pbx, "viewer", 390, 844);
        await Browser.ScreenshotAsync(page, "dashboard-phone");
        await ConsolePage.OpenAsync(page, "Extensions", "Extensions");
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "New extension" })).ToHaveCountAsync(0);
        await ConsolePage.OpenAsync(page, "DID numbers", "DID numbers");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Add" })).ToHaveCountAsync(0);
        await ConsolePage.OpenAsync(page, "Live calls", "Live calls");
        await Browser.ScreenshotAsync(page, "live-calls-phone");

        // Nothing wider than the screen: no sideways scrolling of the page itself on a phone.
        var overflow = await page.EvaluateAsync<bool>("document.documentElement.scrollWidth > window.innerWidth");
        overflow.ShouldBeFalse();

        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await Expect(page.GetByLabel("User name")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task A_phone_user_lands_on_the_phone_and_is_offered_only_what_the_api_shows_it()
    {
        // The "user" role sees its own extension's calls, recordings and phone; the dashboard, wallboard, DIDs, trunks, dial
        // rules, users and system status would answer 403.
        await new Pbx.Data.Users.UserRepository(pbx.Db).CreateAsync("phone-owner", EmbeddedPbx.Password, Pbx.ApiHost.Auth.Roles.User);
        var page = await browser.NewPageAsync(pbx.BaseAddress);
        await page.GotoAsync("/console/");
        await page.GetByLabel("User name").FillAsync("phone-owner");
        await page.GetByLabel("Password").FillAsync(EmbeddedPbx.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Phone" })).ToBeVisibleAsync();
        var navigation = page.GetByRole(AriaRole.Banner).GetByRole(AriaRole.Navigation);
        await Expect(navigation.GetByRole(AriaRole.Link, new() { Name = "Call history" })).ToBeVisibleAsync();
        await Expect(navigation.GetByRole(AriaRole.Link, new() { Name = "Recordings" })).ToBeVisibleAsync();
        foreach (var hidden in new[] { "Dashboard", "Wallboard", "DID numbers", "Trunks", "Dial rules", "Users", "System status" })
            await Expect(navigation.GetByRole(AriaRole.Link, new() { Name = hidden, Exact = true })).ToHaveCountAsync(0);
        await Expect(page.GetByText("phone user", new() { Exact = false })).ToBeVisibleAsync();

        await page.GotoAsync("/console/#/dashboard");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Phone" })).ToBeVisibleAsync();
    }

    [GeneratedRegex(@"^[1-9]\d* / [1-9]\d*$")]
    private static partial Regex SomeRegistered();

    [GeneratedRegex(@"^(1:0[5-9]|1:[1-5]\d|\d+:\d\d:\d\d)$")]
    private static partial Regex DurationOverAMinute();
}
