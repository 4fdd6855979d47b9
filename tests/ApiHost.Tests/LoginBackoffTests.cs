using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Pbx.ApiHost.Auth;

namespace Pbx.ApiHost.Tests;

/// <summary>
/// Sign-in backoff per (account, address) and per address on the real host. Clients come from different addresses through
/// X-Forwarded-For, believed from 127.0.0.1 as from nginx; the host's clock stands still and is moved instead of waited out.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class LoginBackoffTests(ApiFixture fixture) : IAsyncLifetime
{
    private const string Attacker = "203.0.113.9";
    private const string Office = "198.51.100.7";

    private readonly StoppedClock _clock = new();
    private TestApi _api = null!;

    public async Task InitializeAsync() =>
        _api = await TestApi.StartAsync(fixture.ConnectionString, new Dictionary<string, string?>
        {
            ["Api:Proxy:KnownProxies:0"] = "127.0.0.1",
            ["Api:Login:FailuresBeforeBackoff"] = "3",
            ["Api:Login:SourceFailuresBeforeBackoff"] = "7",
        }, services => services.AddSingleton<TimeProvider>(_clock));

    public async Task DisposeAsync() => await _api.DisposeAsync();

    [Fact]
    public async Task An_attacker_address_cannot_lock_the_admin_out_of_another_address()
    {
        for (var i = 0; i < 10; i++)
            await LoginAsync(Attacker, Roles.Admin, "guess " + i);

        (await LoginAsync(Attacker, Roles.Admin, ApiFixture.Password)).StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        (await LoginAsync(Office, Roles.Admin, ApiFixture.Password)).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task The_wait_doubles_with_each_failure_past_the_threshold()
    {
        const string address = "203.0.113.10";
        var retryAfter = new List<string>();
        for (var i = 0; i < 3; i++)
            (await LoginAsync(address, Roles.Operator, "guess " + i)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        for (var wait = 1; wait <= 4; wait *= 2)
        {
            var refused = await LoginAsync(address, Roles.Operator, "during the wait");
            await Problem.ReadAsync(refused, HttpStatusCode.TooManyRequests);
            retryAfter.Add(refused.Headers.GetValues("Retry-After").Single());
            _clock.Advance(TimeSpan.FromSeconds(wait));
            (await LoginAsync(address, Roles.Operator, "after the wait")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        }

        retryAfter.ShouldBe(["1", "2", "4"]);
    }

    [Fact]
    public async Task A_right_password_after_the_wait_starts_the_pair_afresh()
    {
        const string address = "203.0.113.11";
        for (var i = 0; i < 3; i++)
            await LoginAsync(address, Roles.Viewer, "guess " + i);
        _clock.Advance(TimeSpan.FromSeconds(1));

        (await LoginAsync(address, Roles.Viewer, ApiFixture.Password)).StatusCode.ShouldBe(HttpStatusCode.OK);

        // Without the reset this failure would be the fourth and earn 2 s; afresh, two more pass before the first wait.
        for (var i = 0; i < 3; i++)
            (await LoginAsync(address, Roles.Viewer, "again " + i)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await LoginAsync(address, Roles.Viewer, ApiFixture.Password)).Headers.GetValues("Retry-After").Single().ShouldBe("1");
    }

    [Fact]
    public async Task Guessing_across_accounts_from_one_address_makes_that_address_wait_and_no_other()
    {
        const string sprayer = "203.0.113.12";
        for (var i = 0; i < 7; i++)
            (await LoginAsync(sprayer, $"sprayed-{i}", "Password1")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);

        (await LoginAsync(sprayer, "sprayed-next", "Password1")).StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        (await LoginAsync(Office, "sprayed-next", "Password1")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task An_unknown_user_name_waits_exactly_as_an_account_does()
    {
        const string address = "203.0.113.13";
        foreach (var username in new[] { "no-such-user", Roles.Viewer })
        {
            for (var i = 0; i < 3; i++)
                await LoginAsync(address, username, "guess " + i);
        }

        var unknown = await LoginAsync(address, "no-such-user", "guess");
        var known = await LoginAsync(address, Roles.Viewer, "guess");

        var (unknownProblem, knownProblem) = (await Problem.ReadAsync(unknown, HttpStatusCode.TooManyRequests), await Problem.ReadAsync(known, HttpStatusCode.TooManyRequests));
        unknownProblem.GetProperty("detail").GetString().ShouldBe(knownProblem.GetProperty("detail").GetString());
        unknown.Headers.GetValues("Retry-After").ShouldBe(known.Headers.GetValues("Retry-After"));
    }

    [Fact]
    public async Task Repeated_wrong_passwords_make_the_account_wait_at_that_address_even_with_the_right_password()
    {
        const string address = "203.0.113.14";
        await fixture.Users.CreateAsync("backing-off", ApiFixture.Password, Roles.Viewer);
        for (var i = 0; i < 3; i++)
            (await LoginAsync(address, "backing-off", "guess " + i)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);

        var response = await LoginAsync(address, "backing-off", ApiFixture.Password);

        var problem = await Problem.ReadAsync(response, HttpStatusCode.TooManyRequests);
        problem.GetProperty("code").GetString().ShouldBe("auth.too_many_attempts");
        response.Headers.GetValues("Retry-After").Single().ShouldBe("1");
    }

    [Fact]
    public async Task A_backing_off_answer_takes_as_long_as_a_wrong_password_so_time_does_not_tell_it_apart()
    {
        await fixture.Users.CreateAsync("timing-waiting", ApiFixture.Password, Roles.Viewer);
        await fixture.Users.CreateAsync("timing-open", ApiFixture.Password, Roles.Viewer);
        for (var i = 0; i < 3; i++)
            await LoginAsync("203.0.113.15", "timing-waiting", "guess " + i);

        // The fastest of a few answers each: load on the box only ever makes an answer slower. Checking a password costs
        // tens of milliseconds; an answer that skipped it would take a few. The clock stands still, so the wait cannot
        // run out between them.
        var waiting = await FastestAnswerAsync("203.0.113.15", "timing-waiting", HttpStatusCode.TooManyRequests);
        var wrongPassword = await FastestAnswerAsync("203.0.113.16", "timing-open", HttpStatusCode.Unauthorized, attempts: 2);

        waiting.ShouldBeGreaterThan(wrongPassword * 0.3, $"backing off {waiting.TotalMilliseconds:0} ms, wrong password {wrongPassword.TotalMilliseconds:0} ms");
    }

    private async Task<TimeSpan> FastestAnswerAsync(string address, string username, HttpStatusCode status, int attempts = 4)
    {
        var fastest = TimeSpan.MaxValue;
        for (var i = 0; i < attempts; i++)
        {
            var clock = System.Diagnostics.Stopwatch.StartNew();
            (await LoginAsync(address, username, "not the password")).StatusCode.ShouldBe(status);
            fastest = clock.Elapsed < fastest ? clock.Elapsed : fastest;
        }
        return fastest;
    }

    private async Task<HttpResponseMessage> LoginAsync(string address, string username, string password)
    {
        using var client = new HttpClient { BaseAddress = _api.BaseAddress, Timeout = TimeSpan.FromSeconds(10) };
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/auth/login") { Content = JsonContent.Create(new { username, password }) };
        request.Headers.Add("X-Forwarded-For", address);
        return await client.SendAsync(request);
    }
}
