using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Pbx.ApiHost.Apis.Calls;
using Pbx.ApiHost.Apis.Extensions;
using Pbx.ApiHost.Auth;
using Pbx.ApiHost.Hubs;
using Pbx.Grains.Extensions;
using Pbx.Grains.Live;

namespace Pbx.ApiHost.Tests;

/// <summary>
/// <c>GET /api/v1/extensions/{id}/status</c> on Kestrel: what the extension's grain reports (faked by <see cref="FakeCallGrains"/>,
/// since registering real phones is the integration tests' work) and what the live board saw of its calls.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class ExtensionStatusApiTests(ApiFixture fixture) : IAsyncLifetime
{
    // Numbers no other test uses.
    private const string Desk = "3961";
    private const string Idle = "3962";

    private static readonly DateTimeOffset Now = new(2026, 12, 7, 12, 0, 0, TimeSpan.Zero);

    private readonly FakeCallGrains _grains = new();
    private readonly Dictionary<string, long> _ids = new(StringComparer.Ordinal);
    private TestApi _api = null!;

    public async Task InitializeAsync()
    {
        _api = await TestApi.StartAsync(fixture.ConnectionString, configureServices: services => services.AddSingleton(_grains.Factory));
        using var admin = await ClientAsync(Roles.Admin);
        foreach (var number in new[] { Desk, Idle })
        {
            await admin.PostAsJsonAsync("/api/v1/extensions", new { number });
            var listed = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/extensions?number={number}");
            _ids[number] = listed.GetProperty("items")[0].GetProperty("id").GetInt64();
        }
    }

    public async Task DisposeAsync() => await _api.DisposeAsync();

    [Fact]
    public async Task Status_lists_each_registered_phone_with_its_source_address_transport_user_agent_and_expiry()
    {
        _grains.ExtensionStatuses[Desk] = Status(Desk, [],
            Binding("sip:3961@192.0.2.10:5062", "192.0.2.10", 5062, "udp", "Yealink SIP-T46U 108.86.0.20"),
            Binding("sip:3961@198.51.100.7:49152;transport=tcp", "198.51.100.7", 49152, "tcp", null));
        using var viewer = await ClientAsync(Roles.Viewer);

        var status = (await viewer.GetFromJsonAsync<ExtensionStatusResponse>($"/api/v1/extensions/{_ids[Desk]}/status"))!;

        status.Number.ShouldBe(Desk);
        status.Id.ShouldBe(_ids[Desk]);
        status.Registered.ShouldBeTrue();
        // Those bindings expired long ago by the server's clock: 0 seconds left.
        status.Contacts.ShouldBe([
            new ExtensionContact("sip:3961@192.0.2.10:5062", "192.0.2.10", 5062, "udp", "Yealink SIP-T46U 108.86.0.20", Now.AddSeconds(3600), Now, "edge-1", 0),
            new ExtensionContact("sip:3961@198.51.100.7:49152;transport=tcp", "198.51.100.7", 49152, "tcp", null, Now.AddSeconds(3600), Now, "edge-1", 0),
        ]);
        status.InCall.ShouldBeFalse();
        status.Calls.ShouldBeEmpty();
    }

    [Fact]
    public async Task Status_shows_the_calls_the_extension_is_in_as_the_live_board_saw_them()
    {
        _grains.ExtensionStatuses[Desk] = Status(Desk, ["status-seen", "status-unseen"]);
        _api.Services.GetRequiredService<LiveCallBoard>().Apply(new LiveEvent(LiveCallBoard.CallTopic, "status-seen", "answered",
            JsonSerializer.SerializeToElement(new { caller = Desk, callee = Idle, state = "answered", held = false }, JsonSerializerOptions.Web), Now));
        using var @operator = await ClientAsync(Roles.Operator);

        var status = (await @operator.GetFromJsonAsync<ExtensionStatusResponse>($"/api/v1/extensions/{_ids[Desk]}/status"))!;

        status.Registered.ShouldBeFalse();
        status.InCall.ShouldBeTrue();
        status.Calls.Select(c => (c.CallId, c.State, c.Caller, c.Callee)).ShouldBe([
            ("status-seen", "answered", Desk, Idle),
            ("status-unseen", ExtensionsApi.UnseenCallState, null, null),
        ]);
        status.Calls[0].Actions.ShouldContain(CallActions.Hangup);
    }

    [Fact]
    public async Task The_extension_list_and_detail_show_each_registered_device_with_its_address_user_agent_and_seconds_left()
    {
        var registered = DateTimeOffset.UtcNow;
        _grains.ExtensionStatuses[Desk] = Status(Desk, [], new ContactBinding("sip:3961@192.0.2.10:5062", null, registered.AddSeconds(600), "register-call-id", 1,
            "192.0.2.10", 5062, "tcp", "edge-1", "Yealink SIP-T46U 108.86.0.20", [], null, registered));
        using var viewer = await ClientAsync(Roles.Viewer);

        var list = await viewer.GetFromJsonAsync<JsonElement>($"/api/v1/extensions?number={Desk}");
        var detail = (await viewer.GetFromJsonAsync<ExtensionResponse>($"/api/v1/extensions/{_ids[Desk]}"))!;
        var idle = (await viewer.GetFromJsonAsync<ExtensionResponse>($"/api/v1/extensions/{_ids[Idle]}"))!;

        var listed = list.GetProperty("items")[0];
        listed.GetProperty("registered").GetBoolean().ShouldBeTrue();
        var device = listed.GetProperty("devices")[0];
        device.GetProperty("contact").GetString().ShouldBe("sip:3961@192.0.2.10:5062");
        device.GetProperty("sourceAddress").GetString().ShouldBe("192.0.2.10");
        device.GetProperty("transport").GetString().ShouldBe("tcp");
        device.GetProperty("userAgent").GetString().ShouldBe("Yealink SIP-T46U 108.86.0.20");
        device.GetProperty("expiresInSeconds").GetInt32().ShouldBeInRange(590, 600);
        detail.Devices.ShouldNotBeNull().Single().SourcePort.ShouldBe(5062);
        (idle.Registered, idle.Devices!.Count).ShouldBe((false, 0));
    }

    [Fact]
    public async Task An_extension_whose_grain_does_not_answer_is_listed_with_its_devices_unknown()
    {
        using var admin = await ClientAsync(Roles.Admin);
        var number = FakeCallGrains.UnreachablePrefix + "3963";
        (await admin.PostAsJsonAsync("/api/v1/extensions", new { number })).StatusCode.ShouldBe(HttpStatusCode.InternalServerError,
            "creating it tells its grain, which does not answer; the row stays");

        var listed = (await admin.GetFromJsonAsync<JsonElement>($"/api/v1/extensions?number={number}")).GetProperty("items")[0];

        listed.GetProperty("number").GetString().ShouldBe(number);
        listed.GetProperty("devices").ValueKind.ShouldBe(JsonValueKind.Null);
        listed.GetProperty("registered").ValueKind.ShouldBe(JsonValueKind.Null);
    }

    [Fact]
    public async Task An_idle_extension_is_neither_registered_nor_in_a_call_and_an_unknown_id_is_404()
    {
        using var viewer = await ClientAsync(Roles.Viewer);

        var idle = (await viewer.GetFromJsonAsync<ExtensionStatusResponse>($"/api/v1/extensions/{_ids[Idle]}/status"))!;
        var unknown = await Problem.ReadAsync(await viewer.GetAsync("/api/v1/extensions/987654321/status"), HttpStatusCode.NotFound);

        (idle.Registered, idle.InCall, idle.Contacts.Count, idle.Calls.Count).ShouldBe((false, false, 0, 0));
        unknown.GetProperty("detail").GetString()!.ShouldContain("987654321");
    }

    private static ExtensionStatus Status(string number, IReadOnlyList<string> calls, params ContactBinding[] bindings) =>
        new(number, Exists: true, Enabled: true, bindings, new LockoutStatus(0, null, 0), calls);

    private static ContactBinding Binding(string contact, string address, int port, string transport, string? userAgent) =>
        new(contact, null, Now.AddSeconds(3600), "register-call-id", 1, address, port, transport, "edge-1", userAgent, [], null, Now);

    private async Task<HttpClient> ClientAsync(string username) => (await _api.SignInAsync(username)).Client;
}
