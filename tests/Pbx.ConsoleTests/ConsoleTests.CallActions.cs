using Microsoft.Playwright;
using Pbx.TestSupport;
using static Microsoft.Playwright.Assertions;

namespace Pbx.ConsoleTests;

/// <summary>Call actions on the live calls page, on real sipp calls.</summary>
public sealed partial class ConsoleTests
{
    [Fact]
    public async Task Operator_hangs_up_a_live_call_from_the_console_and_the_phones_get_the_bye()
    {
        await pbx.CreateExtensionAsync("7601", "Caller");
        await pbx.CreateExtensionAsync("7602", "Callee");
        var calleePort = FreePort.UdpAndTcp();
        await Sipp.RegisterAsync(pbx.SipPort, "7602", EmbeddedPbx.Password, calleePort);
        var page = await ConsolePage.SignInAsync(browser, pbx, "operator", 1280, 800);
        await ConsolePage.OpenAsync(page, "Live calls", "Live calls");
        await Expect(page.GetByText("No calls right now.")).ToBeVisibleAsync();

        var callee = Sipp.AnswerOneCallAsync(pbx.SipPort, calleePort);
        var caller = Sipp.CallUntilHungUpAsync(pbx.SipPort, "7601", EmbeddedPbx.Password, "7602");

        var row = page.Locator("tr", new() { HasText = "7601" });
        var hangUp = page.GetByRole(AriaRole.Button, new() { Name = "Hang up 7601 to 7602" });
        // Enabled once the call is answered; the actions the engine lacks stay disabled.
        await Expect(hangUp).ToBeEnabledAsync();
        await Expect(row.GetByRole(AriaRole.Button, new() { Name = "Hold" })).ToBeDisabledAsync();
        await Browser.ScreenshotAsync(page, "live-calls-actions");
        await hangUp.ClickAsync();

        // Each sipp phone's scenario only succeeds once it has received the BYE and answered 200.
        await Task.WhenAll(caller, callee);
        await Expect(row).ToHaveCountAsync(0);
    }
}
