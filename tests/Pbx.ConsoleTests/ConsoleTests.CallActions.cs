using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Pbx.Grains.Live;
using Pbx.TestSupport;
using static Microsoft.Playwright.Assertions;

namespace Pbx.ConsoleTests;

/// <summary>Call actions on the live calls page and recordings on the call history page.</summary>
public sealed partial class ConsoleTests
{
    [Fact]
    public async Task Operator_holds_resumes_and_hangs_up_a_live_call_from_the_console_and_the_phones_see_it()
    {
        await pbx.CreateExtensionAsync("7601", "Caller");
        await pbx.CreateExtensionAsync("7602", "Callee");
        var calleePort = FreePort.UdpAndTcp();
        await Sipp.RegisterAsync(pbx.SipPort, "7602", EmbeddedPbx.Password, calleePort);
        var page = await ConsolePage.SignInAsync(browser, pbx, "operator", 1280, 800);
        await ConsolePage.OpenAsync(page, "Live calls", "Live calls");

        // Both sipp phones fail unless they get a re-INVITE offering sendonly, then one offering sendrecv, then the BYE.
        var callee = Sipp.AnswerOneCallHeldAndResumedAsync(pbx.SipPort, calleePort);
        var caller = Sipp.CallHeldAndResumedAsync(pbx.SipPort, "7601", EmbeddedPbx.Password, "7602");

        var row = page.Locator("tr", new() { HasText = "7601" });
        var hold = page.GetByRole(AriaRole.Button, new() { Name = "Hold 7601 to 7602" });
        await Expect(hold).ToBeEnabledAsync();
        await Browser.ScreenshotAsync(page, "live-calls-actions");
        await hold.ClickAsync();
        var resume = page.GetByRole(AriaRole.Button, new() { Name = "Resume 7601 to 7602" });
        await Expect(resume).ToBeEnabledAsync();
        await Expect(row.Locator("td").Nth(3)).ToHaveTextAsync("held");
        // A held call can only be resumed or ended.
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Transfer 7601 to 7602" })).ToBeDisabledAsync();
        await Browser.ScreenshotAsync(page, "live-calls-held");
        await resume.ClickAsync();
        await Expect(hold).ToBeEnabledAsync();

        // The transfer dialog is reached and left with the keyboard alone.
        await page.GetByRole(AriaRole.Button, new() { Name = "Transfer 7601 to 7602" }).FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        var dialog = page.GetByRole(AriaRole.Dialog, new() { Name = "Transfer 7601 to 7602" });
        await Expect(dialog.GetByLabel("Transfer to")).ToBeFocusedAsync();
        await Browser.ScreenshotAsync(page, "live-calls-transfer-dialog");
        await page.Keyboard.PressAsync("Escape");
        await Expect(dialog).ToHaveCountAsync(0);

        await page.GetByRole(AriaRole.Button, new() { Name = "Hang up 7601 to 7602" }).ClickAsync();
        await Task.WhenAll(caller, callee);
        await Expect(row).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task A_recorded_call_shows_the_indicator_and_a_ringing_call_offers_deflect()
    {
        var events = pbx.Services.GetRequiredService<ILiveEvents>();
        var page = await ConsolePage.SignInAsync(browser, pbx, "operator", 1280, 800);
        await ConsolePage.OpenAsync(page, "Live calls", "Live calls");

        // The call engine's events as it publishes them: its phase and flags in the data.
        events.Publish("call", "console-recorded-call", "answered",
            new { caller = "7621", callee = "7622", state = "answered", held = false, recording = true, answeredAt = DateTimeOffset.UtcNow }, DateTimeOffset.UtcNow);
        events.Publish("call", "console-ringing-call", "ringing", new { caller = "7623", callee = "7624", state = "ringing" }, DateTimeOffset.UtcNow);

        var recorded = page.Locator("tr[data-call-id='console-recorded-call']");
        await Expect(recorded.GetByRole(AriaRole.Img, new() { Name = "Recording" })).ToBeVisibleAsync();
        await Expect(recorded.GetByRole(AriaRole.Button, new() { Name = "Stop recording 7621 to 7622" })).ToBeEnabledAsync();
        var ringing = page.Locator("tr[data-call-id='console-ringing-call']");
        await Expect(ringing.GetByRole(AriaRole.Button, new() { Name = "Deflect 7623 to 7624" })).ToBeEnabledAsync();
        await Expect(ringing.GetByRole(AriaRole.Button, new() { Name = "Hang up 7623 to 7624" })).ToBeDisabledAsync();
        await Browser.ScreenshotAsync(page, "live-calls-recording-and-ringing");

        events.Publish("call", "console-recorded-call", "ended", new { disposition = "answered" }, DateTimeOffset.UtcNow);
        events.Publish("call", "console-ringing-call", "ended", new { disposition = "cancelled" }, DateTimeOffset.UtcNow);
        await Expect(recorded).ToHaveCountAsync(0);
        await Expect(ringing).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task A_call_with_a_recording_plays_it_in_the_browser_and_offers_the_download()
    {
        var recordingId = await pbx.SeedRecordingAsync("console-recorded-cdr");
        await pbx.SeedCdrAsync("7631", "7632", "internal", "answered", DateTimeOffset.UtcNow.AddMinutes(-5), 42, recordingId);
        var page = await ConsolePage.SignInAsync(browser, pbx, "viewer", 1280, 800);
        await ConsolePage.OpenAsync(page, "Call history", "Call history");
        await page.GetByLabel("Number").FillAsync("7631");
        await page.GetByRole(AriaRole.Button, new() { Name = "Filter" }).ClickAsync();

        var row = page.Locator("table.history tbody tr", new() { HasText = "7632" });
        await Expect(row).ToHaveCountAsync(1);
        await Expect(row.GetByRole(AriaRole.Button, new() { Name = "Download" })).ToBeVisibleAsync();
        await row.GetByRole(AriaRole.Button, new() { Name = "Play" }).ClickAsync();

        var audio = row.Locator("audio");
        await Expect(audio).ToBeVisibleAsync();
        await Expect(audio).ToHaveAttributeAsync("src", new System.Text.RegularExpressions.Regex("^blob:"));
        // The browser decoded the file the API served: it knows its length (one second).
        await page.WaitForFunctionAsync("a => a.readyState >= 1 && Math.abs(a.duration - 1) < 0.01", await audio.ElementHandleAsync());
        await Browser.ScreenshotAsync(page, "history-recording");
    }
}
