using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Pbx.ApiHost.Apis.Calls;
using Pbx.ApiHost.Apis.Extensions;
using Pbx.ApiHost.Apis.Stats;
using Pbx.ApiHost.Auth;
using Pbx.ApiHost.Hubs;
using Pbx.ConsoleTests;
using Pbx.Grains.Extensions;
using Pbx.Grains.Live;

namespace Pbx.ApiHost.Tests;

/// <summary>
/// Object-level authorisation of what is live: a phone user receives only its own extension's registration and state events
/// and its own calls' events over the hub, its snapshots hold only those, and it sees other extensions' phones without
/// their addresses; the supervisory roles (admin, operator, viewer) see everything.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class LiveScopeTests(ApiFixture fixture) : IAsyncLifetime
{
    // Numbers and users no other test uses.
    private const string A = "4111";
    private const string B = "4112";
    private const string UserA = "live-scope-a";
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);
    private static readonly DateTimeOffset Now = new(2026, 12, 7, 12, 0, 0, TimeSpan.Zero);

    private readonly QueuedLiveEvents _events = new();
    private readonly FakeCallGrains _grains = new();
    private TestApi _api = null!;

    public async Task InitializeAsync()
    {
        await fixture.CreatePhoneUserAsync(UserA, A);
        _api = await TestApi.StartAsync(fixture.ConnectionString, configureServices: services => services
            .AddSingleton(_grains.Factory)
            .AddSingleton<ILiveEvents>(_events)
            .AddSingleton<ILiveCallStatistics>(new FixedLiveCallStatistics(A, B)));
    }

    public async Task DisposeAsync() => await _api.DisposeAsync();

    [Fact]
    public async Task A_user_receives_its_own_extensions_and_calls_events_and_not_another_users()
    {
        var (_, tokenA) = await _api.SignInAsync(UserA);
        var (_, viewerToken) = await _api.SignInAsync(Roles.Viewer);
        await using var a = await HubClient.ConnectAsync(_api.BaseAddress, tokenA);
        await using var viewer = await HubClient.ConnectAsync(_api.BaseAddress, viewerToken);
        foreach (var topic in new[] { "call", "registration", "extension" })
            (await a.InvokeAsync("Subscribe", topic)).ShouldBeNull();
        (await viewer.InvokeAsync("Subscribe", "call")).ShouldBeNull();

        // B's events come first: had any reached A, it would arrive before A's own. The "ended" and "held" events carry no
        // parties, as a publisher may send them; they go to the parties of the call's first event.
        _events.Publish("call", "live-b", "ringing", new { caller = B, callee = "4198" }, Now);
        _events.Publish("registration", B, "registered", new { sourceAddress = "192.0.2.99", sourcePort = 5060 }, Now);
        _events.Publish("extension", B, "ringing", new { callId = "live-b" }, Now);
        _events.Publish("call", "live-b", "ended", new { }, Now);
        _events.Publish("registration", A, "registered", new { sourceAddress = "192.0.2.11", sourcePort = 5060 }, Now);
        _events.Publish("call", "live-a", "ringing", new { caller = "4197", callee = A }, Now);
        _events.Publish("call", "live-a", "held", new { }, Now);

        var received = new List<(string, string, string)>();
        for (var i = 0; i < 3; i++)
        {
            var e = await a.NextEventAsync(Wait);
            received.Add((e["topic"]!.GetValue<string>(), e["key"]!.GetValue<string>(), e["kind"]!.GetValue<string>()));
        }
        received.ShouldBe([("registration", A, "registered"), ("call", "live-a", "ringing"), ("call", "live-a", "held")]);
        (await viewer.NextEventAsync(Wait))["key"]!.GetValue<string>().ShouldBe("live-b");
    }

    [Fact]
    public async Task A_phone_user_without_an_extension_receives_no_live_events()
    {
        var (_, unlinkedToken) = await _api.SignInAsync(Roles.User);
        var (_, tokenA) = await _api.SignInAsync(UserA);
        await using var unlinked = await HubClient.ConnectAsync(_api.BaseAddress, unlinkedToken);
        await using var a = await HubClient.ConnectAsync(_api.BaseAddress, tokenA);
        (await unlinked.InvokeAsync("Subscribe", "call")).ShouldBeNull();
        (await a.InvokeAsync("Subscribe", "call")).ShouldBeNull();

        _events.Publish("call", "live-unlinked", "ringing", new { caller = A, callee = B }, Now);

        // Once A has its call's event, the forwarder has sent it to every group it went to.
        (await a.NextEventAsync(Wait))["key"]!.GetValue<string>().ShouldBe("live-unlinked");
        await Should.ThrowAsync<OperationCanceledException>(() => unlinked.NextEventAsync(TimeSpan.FromMilliseconds(300)));
    }

    [Fact]
    public async Task Snapshots_of_live_calls_and_extensions_hold_the_users_own_only()
    {
        var board = _api.Services.GetRequiredService<LiveCallBoard>();
        board.Apply(Event("call", "snapshot-a", "answered", new { caller = A, callee = "4197" }));
        board.Apply(Event("call", "snapshot-b", "answered", new { caller = B, callee = "4198" }));
        board.Apply(Event("extension", A, "in-call", new { callId = "snapshot-a" }));
        board.Apply(Event("extension", B, "in-call", new { callId = "snapshot-b" }));
        var (a, _) = await _api.SignInAsync(UserA);
        var (viewer, _) = await _api.SignInAsync(Roles.Viewer);

        (await a.GetFromJsonAsync<List<LiveEvent>>("/api/v1/live/calls"))!.Select(e => e.Key).ShouldBe(["snapshot-a"]);
        (await a.GetFromJsonAsync<List<ActiveCall>>("/api/v1/calls/active"))!.Select(c => c.CallId).ShouldBe(["snapshot-a"]);
        var extensions = (await a.GetFromJsonAsync<LiveExtensions>("/api/v1/live/extensions"))!;
        extensions.Registered.ShouldBe([A]);
        extensions.States.Keys.ShouldBe([A]);
        await Problem.ReadAsync(await a.GetAsync($"/api/v1/live/extensions/{B}"), HttpStatusCode.NotFound);
        (await a.GetAsync($"/api/v1/live/extensions/{A}")).StatusCode.ShouldBe(HttpStatusCode.OK);

        (await viewer.GetFromJsonAsync<List<ActiveCall>>("/api/v1/calls/active"))!.Select(c => c.CallId).ShouldBe(["snapshot-a", "snapshot-b"], ignoreOrder: true);
        (await viewer.GetFromJsonAsync<LiveExtensions>("/api/v1/live/extensions"))!.Registered.ShouldBe([A, B]);
        (await viewer.GetAsync($"/api/v1/live/extensions/{B}")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_user_sees_its_own_phones_addresses_and_other_extensions_phones_without_theirs()
    {
        var (admin, _) = await _api.SignInAsync(Roles.Admin);
        foreach (var number in new[] { A, B })
        {
            await admin.PostAsJsonAsync("/api/v1/extensions", new { number });
            _grains.ExtensionStatuses[number] = new ExtensionStatus(number, Exists: true, Enabled: true,
                [new ContactBinding($"sip:{number}@192.0.2.{number[^1]}:5062", null, Now.AddHours(1), "register-call-id", 1, $"192.0.2.{number[^1]}", 5062,
                    "udp", "edge-1", "Yealink", [], null, Now)],
                new LockoutStatus(0, null, 0), ["status-call"]);
        }
        var (a, _) = await _api.SignInAsync(UserA);
        var (@operator, _) = await _api.SignInAsync(Roles.Operator);

        var listed = (await a.GetFromJsonAsync<JsonElement>("/api/v1/extensions?number=411")).GetProperty("items").EnumerateArray()
            .ToDictionary(e => e.GetProperty("number").GetString()!, e => e.GetProperty("devices")[0]);
        var idB = (await admin.GetFromJsonAsync<JsonElement>($"/api/v1/extensions?number={B}")).GetProperty("items")[0].GetProperty("id").GetInt64();
        var statusB = (await a.GetFromJsonAsync<ExtensionStatusResponse>($"/api/v1/extensions/{idB}/status"))!;
        var supervised = (await @operator.GetFromJsonAsync<ExtensionStatusResponse>($"/api/v1/extensions/{idB}/status"))!;

        listed[A].GetProperty("sourceAddress").GetString().ShouldBe("192.0.2.1");
        listed[B].GetProperty("sourceAddress").ValueKind.ShouldBe(JsonValueKind.Null);
        listed[B].GetProperty("contact").ValueKind.ShouldBe(JsonValueKind.Null);
        listed[B].GetProperty("userAgent").GetString().ShouldBe("Yealink");
        statusB.Registered.ShouldBeTrue();
        statusB.Contacts.Single().ShouldSatisfyAllConditions(c => c.SourceAddress.ShouldBeNull(), c => c.SourcePort.ShouldBeNull(), c => c.Contact.ShouldBeNull());
        (statusB.InCall, statusB.Calls.Count).ShouldBe((true, 0));
        supervised.Contacts.Single().SourceAddress.ShouldBe("192.0.2.2");
        supervised.Calls.Count.ShouldBe(1);
    }

    private static LiveEvent Event(string topic, string key, string kind, object data) =>
        new(topic, key, kind, JsonSerializer.SerializeToElement(data, JsonSerializerOptions.Web), Now);
}
