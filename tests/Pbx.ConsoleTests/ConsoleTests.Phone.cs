using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Pbx.ApiHost.Auth;
using Pbx.Data.Users;
using Pbx.Grains.Live;
using Pbx.TestSupport;
using static Microsoft.Playwright.Assertions;

namespace Pbx.ConsoleTests;

/// <summary>The phone page of a user linked to an extension.</summary>
public sealed partial class ConsoleTests
{
    [Fact]
    public async Task User_sees_an_incoming_call_hangs_up_their_own_call_and_sees_their_history()
    {
        await pbx.CreateExtensionAsync("7701", "Desk");
        await pbx.CreateExtensionAsync("7702", "Colleague");
        await new UserRepository(pbx.Db).CreateAsync("desk-user", EmbeddedPbx.Password, Roles.Viewer, "7701");
        await pbx.SeedCdrAsync("7799", "7701", "internal", "answered", DateTimeOffset.UtcNow.AddHours(-1), 61);
        var calleePort = FreePort.UdpAndTcp();
        await Sipp.RegisterAsync(pbx.SipPort, "7702", EmbeddedPbx.Password, calleePort);

        var page = await ConsolePage.SignInAsync(browser, pbx, "desk-user", 390, 844);
        await ConsolePage.OpenAsync(page, "Phone", "Phone 7701");
        await Expect(page.Locator("table.my-calls tbody tr", new() { HasText = "7799" })).ToContainTextAsync("1:01");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Call", Exact = true })).ToBeDisabledAsync();

        // The call engine's first event of a call to this extension, as it publishes it while the phone rings.
        var events = pbx.Services.GetRequiredService<ILiveEvents>();
        events.Publish("call", "phone-page-call", "ringing", new { caller = "7788", callee = "7701" }, DateTimeOffset.UtcNow);
        await Expect(page.GetByRole(AriaRole.Alert)).ToHaveTextAsync("Incoming call from 7788");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Send elsewhere…" })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "To voicemail" })).ToBeVisibleAsync();
        await Browser.ScreenshotAsync(page, "phone-incoming");
        events.Publish("call", "phone-page-call", "ended", new { disposition = "cancelled" }, DateTimeOffset.UtcNow);
        await Expect(page.GetByRole(AriaRole.Alert)).ToHaveCountAsync(0);

        var callee = Sipp.AnswerOneCallAsync(pbx.SipPort, calleePort);
        var caller = Sipp.CallUntilHungUpAsync(pbx.SipPort, "7701", EmbeddedPbx.Password, "7702");
        await Expect(page.GetByTestId("current-call")).ToContainTextAsync("7701 → 7702 · answered");
        await Browser.ScreenshotAsync(page, "phone-in-call");
        await page.GetByRole(AriaRole.Button, new() { Name = "Hang up" }).ClickAsync();

        // Each sipp phone's scenario only succeeds once it has received the BYE and answered 200.
        await Task.WhenAll(caller, callee);
        await Expect(page.GetByText("No call right now.")).ToBeVisibleAsync();
    }
}
