using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Pbx.ApiHost.Apis.Calls;
using Pbx.ApiHost.Auth;
using Pbx.ApiHost.Hubs;
using Pbx.Grains.Calls;
using Pbx.Grains.Live;
using Orleans;

namespace Pbx.ApiHost.Tests;

/// <summary>
/// Call actions through the API on Kestrel, against <see cref="FakeCallGrains"/> for the grain's outcomes and the real
/// live board for what the calls look like. Real calls through sipp are in Pbx.ConsoleTests.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class CallActionsApiTests(ApiFixture fixture) : IAsyncLifetime
{
    // Numbers no other test uses.
    private const string Desk = "3901";
    private const string Colleague = "3902";
    private const string Stranger = "3903";

    private readonly FakeCallGrains _grains = new();
    private TestApi _api = null!;

    /// <summary>Every action route on a call, with a body that passes validation.</summary>
    public static TheoryData<string, object?> Actions => new()
    {
        { CallActions.Hangup, null },
        { CallActions.Hold, null },
        { CallActions.Resume, null },
        { CallActions.StartRecording, null },
        { CallActions.StopRecording, null },
        { CallActions.Transfer, new { target = "+4930123456" } },
        { CallActions.Dtmf, new { digits = "12#", from = Desk } },
        { CallActions.Deflect, new { target = "3902" } },
    };

    /// <summary>
    /// Each action at its documented address under <c>/api/v1/calls/{callId}/</c>, at its older one under
    /// <c>/api/v1/calls/active/{callId}/</c>, with a body that passes validation and the grain method both must reach.
    /// </summary>
    public static TheoryData<string, string, object?, string> Addresses => new()
    {
        { "hangup", CallActions.Hangup, null, nameof(ICallGrain.HangupAsync) },
        { "hold", CallActions.Hold, null, nameof(ICallGrain.HoldAsync) },
        { "resume", CallActions.Resume, null, nameof(ICallGrain.ResumeAsync) },
        { "record", CallActions.StartRecording, null, nameof(ICallGrain.StartRecordingAsync) },
        { "record/stop", CallActions.StopRecording, null, nameof(ICallGrain.StopRecordingAsync) },
        { "transfer", CallActions.Transfer, new { target = "+4930123456" }, nameof(ICallGrain.TransferAsync) },
        { "dtmf", CallActions.Dtmf, new { digits = "1", from = Desk }, nameof(ICallGrain.SendDtmfAsync) },
        { "deflect", CallActions.Deflect, new { target = Colleague }, nameof(ICallGrain.DeflectAsync) },
    };

    public async Task InitializeAsync()
    {
        _api = await TestApi.StartAsync(fixture.ConnectionString, configureServices: services => services.AddSingleton(_grains.Factory));
        using var admin = await ClientAsync(Roles.Admin);
        foreach (var number in new[] { Desk, Colleague, Stranger })
        {
            var created = await admin.PostAsJsonAsync("/api/v1/extensions", new { number });
            created.StatusCode.ShouldBeOneOf(HttpStatusCode.Created, HttpStatusCode.Conflict);
        }
        if (await fixture.Users.FindByUsernameAsync("desk-3901") is null)
            await fixture.Users.CreateAsync("desk-3901", ApiFixture.Password, Roles.Viewer, Desk);
    }

    public async Task DisposeAsync() => await _api.DisposeAsync();

    [Theory]
    [MemberData(nameof(Actions))]
    public async Task Every_action_on_an_unknown_call_is_404(string action, object? body)
    {
        using var http = await ClientAsync(Roles.Operator);

        var problem = await Problem.ReadAsync(await PostAsync(http, $"/api/v1/calls/active/gone-{action}/{action}", body), HttpStatusCode.NotFound);

        problem.GetProperty("detail").GetString()!.ShouldContain($"gone-{action}");
    }

    [Theory]
    [MemberData(nameof(Actions))]
    public async Task An_action_the_call_engine_lacks_is_501_from_one_place(string action, object? body)
    {
        using var http = await ClientAsync(Roles.Admin);

        var problem = await Problem.ReadAsync(await PostAsync(http, $"/api/v1/calls/active/unsupported-1/{action}", body), HttpStatusCode.NotImplemented);

        problem.GetProperty("title").GetString().ShouldBe("Not available yet");
        problem.GetProperty("detail").GetString()!.ShouldContain(action);
    }

    [Theory]
    [MemberData(nameof(Actions))]
    public async Task An_action_that_does_not_apply_in_the_calls_state_is_409(string action, object? body)
    {
        using var http = await ClientAsync(Roles.Operator);

        await Problem.ReadAsync(await PostAsync(http, $"/api/v1/calls/active/ringing-1/{action}", body), HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Arguments_the_call_engine_refuses_are_400()
    {
        using var http = await ClientAsync(Roles.Operator);

        // Who is in the call only the grain knows for sure (the board may not have it): "from" passes the API's checks.
        var problem = await Problem.ReadAsync(await PostAsync(http, "/api/v1/calls/active/invalid-1/dtmf", new { digits = "1", from = Stranger }), HttpStatusCode.BadRequest);

        problem.GetProperty("detail").GetString()!.ShouldContain("invalid-1");
    }

    [Theory]
    [MemberData(nameof(Actions))]
    public async Task A_viewer_may_not_act_on_calls(string action, object? body)
    {
        using var http = await ClientAsync(Roles.Viewer);

        await Problem.ReadAsync(await PostAsync(http, $"/api/v1/calls/active/call-1/{action}", body), HttpStatusCode.Forbidden);
        await Problem.ReadAsync(await PostAsync(http, "/api/v1/calls/originate", new { from = Desk, to = Colleague }), HttpStatusCode.Forbidden);
        _grains.Calls.ShouldNotContain(c => c.Key == "call-1");
    }

    [Fact]
    public async Task Bad_input_is_400_naming_the_field()
    {
        using var http = await ClientAsync(Roles.Operator);

        (await Problem.ReadValidationAsync(await PostAsync(http, "/api/v1/calls/active/call-2/dtmf", new { digits = "12x" }))).Keys.ShouldBe(["digits"]);
        (await Problem.ReadValidationAsync(await PostAsync(http, "/api/v1/calls/active/call-2/dtmf", new { digits = "" }))).Keys.ShouldBe(["digits"]);
        (await Problem.ReadValidationAsync(await PostAsync(http, "/api/v1/calls/active/call-2/transfer", new { target = "" }))).Keys.ShouldBe(["target"]);
        // Short numbers are extensions, and there is no 3999; long ones are outside numbers the dial plan routes.
        (await Problem.ReadValidationAsync(await PostAsync(http, "/api/v1/calls/active/call-2/deflect", new { target = "3999" }))).Keys.ShouldBe(["target"]);
        var originate = await Problem.ReadValidationAsync(await PostAsync(http, "/api/v1/calls/originate", new { from = "+4930123456", to = "no" }));
        originate.Keys.Order().ShouldBe(["from", "to"]);
        _grains.Calls.ShouldNotContain(c => c.Key == "call-2");
    }

    [Fact]
    public async Task Deflect_to_voicemail_is_501_saying_voicemail_is_not_there_yet_and_leaves_the_call_ringing()
    {
        using var http = await ClientAsync(Roles.Operator);

        var problem = await Problem.ReadAsync(
            await PostAsync(http, "/api/v1/calls/active/call-vm/deflect", new { target = "voicemail" }), HttpStatusCode.NotImplemented);

        problem.GetProperty("detail").GetString()!.ShouldContain("Voicemail");
        _grains.Calls.ShouldNotContain(c => c.Key == "call-vm");
    }

    [Fact]
    public async Task Operator_actions_reach_the_call_grain_with_their_arguments()
    {
        using var http = await ClientAsync(Roles.Operator);

        (await PostAsync(http, "/api/v1/calls/active/call-3/hold", null)).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await PostAsync(http, "/api/v1/calls/active/call-3/transfer", new { target = Colleague, transferor = Desk })).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await PostAsync(http, "/api/v1/calls/active/call-3/dtmf", new { digits = "*9A", from = Desk })).StatusCode.ShouldBe(HttpStatusCode.NoContent);

        _grains.Calls.Where(c => c.Key == "call-3").Select(c => $"{c.Method}({string.Join(",", c.Args)})")
            .ShouldBe(["HoldAsync()", $"TransferAsync({Colleague},{Desk})", $"SendDtmfAsync({Desk},*9A)"]);
    }

    [Theory]
    [MemberData(nameof(Addresses))]
    public async Task An_action_at_its_documented_path_and_at_its_older_path_asks_the_call_grain_the_same(string path, string alias, object? body, string method)
    {
        using var http = await ClientAsync(Roles.Operator);
        var callId = $"paths-{path.Replace('/', '-')}";

        (await PostAsync(http, $"/api/v1/calls/{callId}/{path}", body)).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await PostAsync(http, $"/api/v1/calls/active/{callId}/{alias}", body)).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        await Problem.ReadAsync(await PostAsync(http, $"/api/v1/calls/gone-{callId}/{path}", body), HttpStatusCode.NotFound);

        _grains.Calls.Where(c => c.Key == callId).Select(c => c.Method).ShouldBe([method, method]);
    }

    [Fact]
    public async Task Bad_input_at_the_documented_paths_is_400_naming_the_field()
    {
        using var http = await ClientAsync(Roles.Operator);

        (await Problem.ReadValidationAsync(await PostAsync(http, "/api/v1/calls/call-4/transfer", new { target = 42 }))).Keys.ShouldBe(["target"]);
        (await Problem.ReadValidationAsync(await PostAsync(http, "/api/v1/calls/call-4/transfer", new { target = "3999" }))).Keys.ShouldBe(["target"]);
        (await Problem.ReadValidationAsync(await PostAsync(http, "/api/v1/calls", new { to = Colleague }))).Keys.ShouldBe(["from"]);
        _grains.Calls.ShouldNotContain(c => c.Key == "call-4");
    }

    [Theory]
    [InlineData("/api/v1/calls")]
    [InlineData("/api/v1/calls/originate")]
    public async Task Originate_is_202_with_a_fresh_call_id(string path)
    {
        using var http = await ClientAsync(Roles.Operator);

        var response = await PostAsync(http, path, new { from = Desk, to = "+4930123456" });

        response.StatusCode.ShouldBe(HttpStatusCode.Accepted, await response.Content.ReadAsStringAsync());
        var callId = (await response.Content.ReadFromJsonAsync<OriginatedCall>())!.CallId;
        callId.ShouldStartWith("c2c-");
        response.Headers.Location!.ToString().ShouldBe($"/api/v1/calls/active/{callId}");
        var call = _grains.Calls.Single(c => c.Key == callId);
        call.Method.ShouldBe(nameof(ICallGrain.OriginateAsync));
        call.Args.ShouldBe([new OriginateRequest(Desk, "+4930123456")]);
    }

    [Fact]
    public async Task Active_calls_show_held_and_recording_and_the_actions_that_apply_now()
    {
        Publish("list-ringing", "ringing", new { caller = Stranger, callee = Colleague, state = "ringing" });
        Publish("list-answered", "answered", new { caller = Stranger, callee = Colleague, state = "answered", held = false, recording = true });
        Publish("list-held", "held", new { caller = Colleague, callee = Stranger, state = "answered", held = true });
        using var operatorHttp = await ClientAsync(Roles.Operator);
        using var viewerHttp = await ClientAsync(Roles.Viewer);

        var calls = (await operatorHttp.GetFromJsonAsync<List<ActiveCall>>("/api/v1/calls/active"))!.Where(c => c.CallId.StartsWith("list-", StringComparison.Ordinal)).ToDictionary(c => c.CallId);
        var viewed = (await viewerHttp.GetFromJsonAsync<List<ActiveCall>>("/api/v1/calls/active"))!.Where(c => c.CallId.StartsWith("list-", StringComparison.Ordinal)).ToList();

        calls["list-ringing"].Actions.ShouldBe([CallActions.Deflect]);
        calls["list-answered"].Recording.ShouldBeTrue();
        calls["list-answered"].Actions.ShouldBe([CallActions.Hangup, CallActions.Hold, CallActions.Transfer, CallActions.StopRecording, CallActions.Dtmf]);
        calls["list-held"].Held.ShouldBeTrue();
        calls["list-held"].Actions.ShouldBe([CallActions.Hangup, CallActions.Resume]);
        viewed.Count.ShouldBe(3);
        viewed.ShouldAllBe(c => c.Actions.Count == 0);
    }

    [Fact]
    public async Task A_user_acts_on_their_own_call_only()
    {
        Publish("phone-own", "answered", new { caller = Desk, callee = Colleague, state = "answered", held = false });
        Publish("phone-other", "answered", new { caller = Colleague, callee = Stranger, state = "answered", held = false });
        using var http = await ClientAsync("desk-3901");

        var phone = (await http.GetFromJsonAsync<PhoneStatus>("/api/v1/me/phone"))!;
        (await PostAsync(http, "/api/v1/me/phone/calls/phone-own/dtmf", new { digits = "5" })).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await PostAsync(http, "/api/v1/me/phone/calls/phone-own/transfer", new { target = Stranger })).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        await Problem.ReadAsync(await PostAsync(http, "/api/v1/me/phone/calls/phone-other/hangup", null), HttpStatusCode.Forbidden);
        await Problem.ReadAsync(await PostAsync(http, "/api/v1/me/phone/calls/phone-gone/hold", null), HttpStatusCode.NotFound);
        (await Problem.ReadValidationAsync(await PostAsync(http, "/api/v1/me/phone/calls/phone-own/dtmf", new { digits = "5", from = Colleague }))).Keys.ShouldBe(["from"]);
        var originate = await PostAsync(http, "/api/v1/me/phone/originate", new { to = Colleague });

        phone.ExtensionNumber.ShouldBe(Desk);
        phone.Call!.Actions.ShouldBe([CallActions.Hangup, CallActions.Hold, CallActions.Transfer, CallActions.Dtmf]);
        originate.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        var callId = (await originate.Content.ReadFromJsonAsync<OriginatedCall>())!.CallId;
        _grains.Calls.Single(c => c.Key == callId).Args.ShouldBe([new OriginateRequest(Desk, Colleague)]);
        _grains.Calls.Where(c => c.Key == "phone-own").Select(c => $"{c.Method}({string.Join(",", c.Args)})")
            .ShouldBe([$"SendDtmfAsync({Desk},5)", $"TransferAsync({Stranger},{Desk})"]);
        _grains.Calls.ShouldNotContain(c => c.Key == "phone-other" || c.Key == "phone-gone");
    }

    private void Publish(string callId, string kind, object data) =>
        _api.Services.GetRequiredService<LiveCallBoard>().Apply(
            new LiveEvent(LiveCallBoard.CallTopic, callId, kind, JsonSerializer.SerializeToElement(data, JsonSerializerOptions.Web), DateTimeOffset.UtcNow));

    private static Task<HttpResponseMessage> PostAsync(HttpClient http, string path, object? body) =>
        body is null ? http.PostAsync(path, null) : http.PostAsJsonAsync(path, body);

    private async Task<HttpClient> ClientAsync(string username)
    {
        var http = new HttpClient { BaseAddress = _api.BaseAddress, Timeout = TimeSpan.FromSeconds(10) };
        var login = await http.PostAsJsonAsync("/api/v1/auth/login", new { username, password = ApiFixture.Password });
        login.EnsureSuccessStatusCode();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", (await login.Content.ReadFromJsonAsync<TokenResponse>())!.AccessToken);
        return http;
    }
}
