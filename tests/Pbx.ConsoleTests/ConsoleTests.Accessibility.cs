using System.Text.Json;
using Microsoft.Playwright;
using Pbx.TestSupport;
using Shouldly;
using static Microsoft.Playwright.Assertions;

namespace Pbx.ConsoleTests;

/// <summary>
/// Every page through axe-core (the console's dev dependency, from npm; the build's <c>npm ci</c> puts it in
/// node_modules) with the WCAG 2.1 A and AA rules: labels, names, contrast, landmarks, ARIA.
/// </summary>
public sealed partial class ConsoleTests
{
    private static readonly string AxeScript =
        Path.Combine(RepositoryRoot.Path, "src", "ApiHost", "Console", "web", "node_modules", "axe-core", "axe.min.js");

    [Fact]
    public async Task Every_page_passes_the_axe_accessibility_check()
    {
        File.Exists(AxeScript).ShouldBeTrue($"{AxeScript} is missing: run `npm ci` in src/ApiHost/Console/web (dotnet build does)");
        // Something on every page that lists things: an (offline) extension on the wallboard, a recording, a trunk.
        await pbx.CreateExtensionAsync("7361", "Accessibility");
        await pbx.SeedRecordingAsync($"axe-{Guid.NewGuid():N}");
        await pbx.PostAsAdminAsync("/api/v1/trunks", new { id = "axe-carrier", host = "192.0.2.30", countryCode = "998" });
        var page = await browser.NewPageAsync(pbx.BaseAddress);
        // Injected by the browser into every document: the console's Content-Security-Policy refuses a script tag.
        await page.AddInitScriptAsync(scriptPath: AxeScript);
        await page.GotoAsync("/console/");
        var violations = new List<string>();
        violations.AddRange(await AxeViolationsAsync(page, "sign-in"));

        await ConsolePage.SignInAsync(page, "admin", ConsoleLanguage.English);
        foreach (var (link, heading) in ConsoleLanguage.English.Pages)
        {
            await ConsolePage.OpenAsync(page, link, heading);
            await Expect(page.Locator("main .loading")).ToHaveCountAsync(0);
            violations.AddRange(await AxeViolationsAsync(page, link));
        }
        foreach (var (route, heading) in new[] { ("#/extensions/new", "New extension"), ("#/trunks/new", "New trunk") })
        {
            await page.GotoAsync($"/console/{route}");
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = heading })).ToBeVisibleAsync();
            violations.AddRange(await AxeViolationsAsync(page, route));
        }
        violations.ShouldBeEmpty();
    }

    /// <summary>Each violation on the page as "page: rule (impact): element, ...".</summary>
    private static async Task<IEnumerable<string>> AxeViolationsAsync(IPage page, string name)
    {
        var result = await page.EvaluateAsync<JsonElement>(
            """
            async () => {
              const r = await axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] } });
              return {
                passed: r.passes.length,
                violations: r.violations.map(v => ({ id: v.id, impact: v.impact, nodes: v.nodes.map(n => n.target.join(" ") + " " + (n.failureSummary ?? "").replace(/\s+/g, " ")).slice(0, 5) })),
              };
            }
            """);
        // A check that found nothing to pass did not look at the page.
        result.GetProperty("passed").GetInt32().ShouldBeGreaterThan(5, $"axe checked nothing on {name}");
        return result.GetProperty("violations").EnumerateArray().Select(v =>
            $"{name}: {v.GetProperty("id").GetString()} ({v.GetProperty("impact").GetString()}): "
            + string.Join(" | ", v.GetProperty("nodes").EnumerateArray().Select(n => n.GetString())));
    }
}
