using System.Net.WebSockets;
using Microsoft.Extensions.DependencyInjection;
using Pbx.Grains.Live;
using Shouldly;

namespace Pbx.ConsoleTests;

/// <summary>The SignalR hub at /hubs/live over a real Kestrel port, spoken to with the JSON hub protocol.</summary>
[Collection(PbxCollection.Name)]
public sealed class LiveHubTests(EmbeddedPbx pbx)
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Subscribed_client_receives_events_of_its_topic_only()
    {
        var token = await HubClient.SignInAsync(pbx.BaseAddress, "viewer", EmbeddedPbx.Password);
        await using var client = await HubClient.ConnectAsync(pbx.BaseAddress, token);
        (await client.InvokeAsync("Subscribe", "registration")).ShouldBeNull();

        var events = pbx.Services.GetRequiredService<ILiveEvents>();
        var now = DateTimeOffset.UtcNow;
        // The call event comes first: had it been forwarded, it would arrive before the registration.
        events.Publish("call", "call-not-subscribed", "ringing", new { caller = "100", callee = "101" }, now);
        events.Publish("registration", "4711", "registered", new { contact = "sip:4711@127.0.0.1:5070" }, now);

        var received = await client.NextEventAsync(Wait);
        received["topic"]!.GetValue<string>().ShouldBe("registration");
        received["key"]!.GetValue<string>().ShouldBe("4711");
        received["kind"]!.GetValue<string>().ShouldBe("registered");
        received["data"]!["contact"]!.GetValue<string>().ShouldBe("sip:4711@127.0.0.1:5070");
        // Other tests share the PBX: leave no call on the live board.
        events.Publish("call", "call-not-subscribed", "ended", new { disposition = "cancelled" }, now);
    }

    [Fact]
    public async Task Connection_without_a_token_is_refused()
    {
        var refused = await Should.ThrowAsync<WebSocketException>(() => HubClient.ConnectAsync(pbx.BaseAddress, token: null));
        refused.Message.ShouldContain("401");
    }

    [Fact]
    public async Task Viewer_follows_trunk_registrations_but_a_phone_user_may_not()
    {
        var viewerToken = await HubClient.SignInAsync(pbx.BaseAddress, "viewer", EmbeddedPbx.Password);
        await using var viewer = await HubClient.ConnectAsync(pbx.BaseAddress, viewerToken);
        (await viewer.InvokeAsync("Subscribe", "trunk")).ShouldBeNull();
        pbx.Services.GetRequiredService<ILiveEvents>().Publish("trunk", "hub-carrier", "registration-failed", new { state = "failed", reason = "403 Forbidden" }, DateTimeOffset.UtcNow);
        var received = await viewer.NextEventAsync(Wait);
        received["key"]!.GetValue<string>().ShouldBe("hub-carrier");
        received["data"]!["reason"]!.GetValue<string>().ShouldBe("403 Forbidden");

        var userToken = await HubClient.SignInAsync(pbx.BaseAddress, "user", EmbeddedPbx.Password);
        await using var user = await HubClient.ConnectAsync(pbx.BaseAddress, userToken);
        (await user.InvokeAsync("Subscribe", "trunk")).ShouldNotBeNull().ShouldContain("not allowed");
    }

    [Fact]
    public async Task Viewer_may_not_follow_grain_internals_but_admin_may()
    {
        var viewerToken = await HubClient.SignInAsync(pbx.BaseAddress, "viewer", EmbeddedPbx.Password);
        await using var viewer = await HubClient.ConnectAsync(pbx.BaseAddress, viewerToken);
        (await viewer.InvokeAsync("Subscribe", "grain")).ShouldNotBeNull().ShouldContain("not allowed");
        (await viewer.InvokeAsync("Subscribe", "no-such-topic")).ShouldNotBeNull().ShouldContain("Unknown topic");

        var adminToken = await HubClient.SignInAsync(pbx.BaseAddress, "admin", EmbeddedPbx.Password);
        await using var admin = await HubClient.ConnectAsync(pbx.BaseAddress, adminToken);
        (await admin.InvokeAsync("Subscribe", "grain")).ShouldBeNull();
    }
}
