using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Runtime;
using Pbx.ApiHost.Dashboard;
using Shouldly;

namespace Pbx.ConsoleTests;

/// <summary>
/// The Orleans dashboard at /admin/orleans/, served by the all-in-one PBX over Kestrel: admins only, reached by a browser
/// through the cookie that POST /api/v1/auth/dashboard-session sets.
/// </summary>
[Collection(PbxCollection.Name)]
public sealed class OrleansDashboardTests(EmbeddedPbx pbx)
{
    private const string Page = "/admin/orleans/";
    private const string Counters = "/admin/orleans/DashboardCounters";
    private const string Session = "/api/v1/auth/dashboard-session";

    [Fact]
    public async Task Anonymous_requests_are_refused_with_401()
    {
        using var http = new HttpClient { BaseAddress = pbx.BaseAddress };

        (await http.GetAsync(Page)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await http.GetAsync(Counters)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await http.PostAsync(Session, content: null)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_viewer_is_refused_with_403_even_with_a_token_in_the_cookie()
    {
        var token = await HubClient.SignInAsync(pbx.BaseAddress, "viewer", EmbeddedPbx.Password);
        using var http = new HttpClient { BaseAddress = pbx.BaseAddress };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);

        (await http.PostAsync(Session, content: null)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await http.GetAsync(Page)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);

        // The dashboard checks the role itself, not only the endpoint that hands out the cookie.
        var cookies = new CookieContainer();
        cookies.Add(pbx.BaseAddress, new Cookie("pbx_dashboard", token, "/admin/orleans"));
        using var browser = new HttpClient(new HttpClientHandler { CookieContainer = cookies }) { BaseAddress = pbx.BaseAddress };
        (await browser.GetAsync(Counters)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task An_admin_gets_a_cookie_then_the_page_and_counters_listing_the_active_silo()
    {
        var token = await HubClient.SignInAsync(pbx.BaseAddress, "admin", EmbeddedPbx.Password);
        var cookies = new CookieContainer();
        using var browser = new HttpClient(new HttpClientHandler { CookieContainer = cookies }) { BaseAddress = pbx.BaseAddress };

        using (var request = new HttpRequestMessage(HttpMethod.Post, Session))
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            var session = await browser.SendAsync(request);
            session.StatusCode.ShouldBe(HttpStatusCode.NoContent);
            var setCookie = session.Headers.GetValues("Set-Cookie").ShouldHaveSingleItem().ToLowerInvariant();
            setCookie.ShouldContain("path=/admin/orleans");
            setCookie.ShouldContain("httponly");
            setCookie.ShouldContain("samesite=strict");
        }

        // From here on the browser sends no Authorization header: the cookie alone lets it in.
        var page = await browser.GetAsync(Page);
        page.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await page.Content.ReadAsStringAsync()).ShouldContain("<title>Orleans Dashboard</title>");
        page.Headers.GetValues("Content-Security-Policy").ShouldHaveSingleItem().ShouldBe(OrleansDashboardAccess.ContentSecurityPolicy);

        var counters = await ActiveSiloCountersAsync(browser);
        counters["totalActiveHostCount"]!.GetValue<int>().ShouldBe(1);
        var silo = counters["hosts"]!.AsArray().ShouldHaveSingleItem()!;
        silo["status"]!.GetValue<string>().ShouldBe("Active");
        silo["siloAddress"]!.GetValue<string>().ShouldBe(pbx.Services.GetRequiredService<ILocalSiloDetails>().SiloAddress.ToParsableString());
    }

    /// <summary>The dashboard grain collects its first sample of the silos shortly after start; wait for it.</summary>
    private static async Task<JsonObject> ActiveSiloCountersAsync(HttpClient browser)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        JsonObject? last = null;
        while (!timeout.IsCancellationRequested)
        {
            var response = await browser.GetAsync(Counters, timeout.Token);
            response.StatusCode.ShouldBe(HttpStatusCode.OK);
            last = JsonNode.Parse(await response.Content.ReadAsStringAsync(timeout.Token))!.AsObject();
            if (last["totalActiveHostCount"]?.GetValue<int>() > 0)
                return last;
            await Task.Delay(TimeSpan.FromMilliseconds(250), timeout.Token);
        }
        throw new TimeoutException($"The dashboard reported no active silo within 30 s; last counters: {last}");
    }
}
