using Microsoft.Playwright;
using Pbx.TestSupport;

namespace Pbx.ConsoleTests;

/// <summary>Debian's headless Chromium driven by Playwright (no browser download works here), one per test run.</summary>
public sealed class Browser : IAsyncLifetime
{
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    /// <summary>Where the test run writes a screenshot of each page, for a reviewer to look at.</summary>
    public static string ScreenshotDirectory { get; } = Path.Combine(AppContext.BaseDirectory, "screenshots");

    public async Task InitializeAsync()
    {
        var chromium = ExternalTool.Require("chromium", "chromium");
        Directory.CreateDirectory(ScreenshotDirectory);
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = chromium,
            Headless = true,
            Args =
            [
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync",
            ],
        });
    }

    /// <summary>
    /// A fresh page (own cookies and storage) at a laptop or phone size, navigating relative to <paramref name="baseAddress"/>,
    /// in a browser whose language is <paramref name="locale"/> (what <c>navigator.languages</c> tells the console) and
    /// whose clock is Berlin's, not the organisation's Tashkent: dates must follow the organisation, not the browser.
    /// </summary>
    public async Task<IPage> NewPageAsync(Uri baseAddress, int width = 1280, int height = 800, string locale = "en-US")
    {
        var context = await _browser!.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = baseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = width, Height = height },
            AcceptDownloads = true,
            TimezoneId = "Europe/Berlin",
            Locale = locale,
        });
        context.SetDefaultTimeout(10_000);
        var page = await context.NewPageAsync();
        page.Console += (_, message) => File.AppendAllText(Path.Combine(ScreenshotDirectory, "browser-console.log"), $"console {message.Type}: {message.Text}\n");
        page.PageError += (_, error) => File.AppendAllText(Path.Combine(ScreenshotDirectory, "browser-console.log"), $"{page.Url}: {error}\n");
        return page;
    }

    /// <summary>Saves a screenshot as <paramref name="name"/>.png, which may name a subfolder ("languages/ru-dashboard").</summary>
    public static Task ScreenshotAsync(IPage page, string name) =>
        page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotDirectory, $"{name}.png"), FullPage = true });

    public async Task DisposeAsync()
    {
        if (_browser is not null)
            await _browser.DisposeAsync();
        _playwright?.Dispose();
    }
}
