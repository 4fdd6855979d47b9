using Microsoft.Extensions.DependencyInjection;
using Pbx.Grains.Live;
using static Microsoft.Playwright.Assertions;

namespace Pbx.ConsoleTests;

/// <summary>
/// A console left open across a server restart, against a PBX of its own: restarting the shared one would cut off
/// the other tests' calls and phones.
/// </summary>
public sealed class RestartTests(EmbeddedPbx pbx, Browser browser) : IClassFixture<EmbeddedPbx>, IClassFixture<Browser>
{
    [Fact]
    public async Task Wallboard_reconnects_by_itself_after_a_server_restart()
    {
        var page = await ConsolePage.SignInAsync(browser, pbx, "viewer", 1920, 1080);
        await ConsolePage.OpenAsync(page, "Wallboard", "Active calls");
        await Expect(page.GetByTestId("wallboard-call-count")).ToBeVisibleAsync();
        var status = page.Locator(".live-status");
        await Expect(status).ToHaveTextAsync("Live");

        await pbx.RestartAsync();

        // The server's shutdown closes the hub connection; the page notices, retries, and resubscribes.
        await Expect(status).ToHaveTextAsync("Live", new() { Timeout = 20_000 });
        var events = pbx.Services.GetRequiredService<ILiveEvents>();
        events.Publish("call", "after-restart", "ringing", new { caller = "7301", callee = "7302" }, DateTimeOffset.UtcNow);
        await Expect(page.Locator("[data-call-id='after-restart']")).ToContainTextAsync("7301 → 7302");
        events.Publish("call", "after-restart", "ended", new { disposition = "cancelled" }, DateTimeOffset.UtcNow);
        await Expect(page.Locator("[data-call-id='after-restart']")).ToHaveCountAsync(0);
    }
}
