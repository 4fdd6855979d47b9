using Microsoft.Playwright;
using Pbx.ApiHost.Auth;
using Pbx.Data.Users;
using Pbx.TestSupport;
using static Microsoft.Playwright.Assertions;

namespace Pbx.ConsoleTests;

/// <summary>
/// Click-to-call and tones from the phone page, on real sipp phones. They need the call grain's OriginateAsync and
/// SendDtmfAsync: until those land the API answers 501 and these tests fail saying so.
/// </summary>
public sealed partial class ConsoleTests
{
    [Fact]
    public async Task User_calls_a_colleague_from_the_dialpad_and_their_own_phone_rings_first()
    {
        await pbx.CreateExtensionAsync("7721", "Desk");
        await pbx.CreateExtensionAsync("7722", "Colleague");
        await new UserRepository(pbx.Db).CreateAsync("dialpad-user", EmbeddedPbx.Password, Roles.Viewer, "7721");
        var deskPort = FreePort.UdpAndTcp();
        var colleaguePort = FreePort.UdpAndTcp();
        await Sipp.RegisterAsync(pbx.SipPort, "7721", EmbeddedPbx.Password, deskPort);
        await Sipp.RegisterAsync(pbx.SipPort, "7722", EmbeddedPbx.Password, colleaguePort);
        // Each phone answers and only succeeds once it has received the BYE and answered 200.
        var desk = Sipp.AnswerOneCallAsync(pbx.SipPort, deskPort);
        var colleague = Sipp.AnswerOneCallAsync(pbx.SipPort, colleaguePort);

        var page = await ConsolePage.SignInAsync(browser, pbx, "dialpad-user", 390, 844);
        await ConsolePage.OpenAsync(page, "Phone", "Phone 7721");
        var dialpad = page.GetByRole(AriaRole.Region, new() { Name = "Dialpad" });
        foreach (var key in "7722")
            await dialpad.GetByRole(AriaRole.Button, new() { Name = key.ToString(), Exact = true }).ClickAsync();
        await Expect(dialpad.GetByLabel("Number")).ToHaveValueAsync("7722");
        await Browser.ScreenshotAsync(page, "phone-dialpad");
        await dialpad.GetByRole(AriaRole.Button, new() { Name = "Call", Exact = true }).ClickAsync();

        // Shown only once the API accepted the call (202); a problem would be shown as an alert instead.
        await Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Calling 7722" })).ToBeVisibleAsync();
        await Expect(page.GetByTestId("current-call")).ToContainTextAsync("7721 → 7722 · answered");
        await Browser.ScreenshotAsync(page, "phone-click-to-call");
        await page.GetByRole(AriaRole.Button, new() { Name = "Hang up" }).ClickAsync();
        await Task.WhenAll(desk, colleague);
        await Expect(page.GetByText("No call right now.")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task User_sends_tones_from_the_keypad_of_their_answered_call()
    {
        await pbx.CreateExtensionAsync("7731", "Desk");
        await pbx.CreateExtensionAsync("7732", "Voicemail menu");
        await new UserRepository(pbx.Db).CreateAsync("keypad-user", EmbeddedPbx.Password, Roles.Viewer, "7731");
        var menuPort = FreePort.UdpAndTcp();
        await Sipp.RegisterAsync(pbx.SipPort, "7732", EmbeddedPbx.Password, menuPort);
        var page = await ConsolePage.SignInAsync(browser, pbx, "keypad-user", 390, 844);
        await ConsolePage.OpenAsync(page, "Phone", "Phone 7731");

        var menu = Sipp.AnswerOneCallAsync(pbx.SipPort, menuPort);
        var desk = Sipp.CallUntilHungUpAsync(pbx.SipPort, "7731", EmbeddedPbx.Password, "7732");
        var tones = page.GetByRole(AriaRole.Group, new() { Name = "Send tones" });
        await tones.GetByRole(AriaRole.Button, new() { Name = "Tone 5" }).ClickAsync();
        await Expect(page.GetByText("Sent: 5")).ToBeVisibleAsync();
        await tones.GetByRole(AriaRole.Button, new() { Name = "Tone #" }).ClickAsync();
        await Expect(page.GetByText("Sent: 5#")).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Alert)).ToHaveCountAsync(0);
        await Browser.ScreenshotAsync(page, "phone-tones");

        await page.GetByRole(AriaRole.Button, new() { Name = "Hang up" }).ClickAsync();
        await Task.WhenAll(desk, menu);
    }
}
