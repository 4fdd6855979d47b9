using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Pbx.ApiHost.Apis.Calls;
using Pbx.ApiHost.Auth;
using Pbx.TestSupport;
using Shouldly;

namespace Pbx.ConsoleTests;

/// <summary><c>/api/v1/calls/active</c> against real sipp phones on the embedded PBX.</summary>
[Collection(PbxCollection.Name)]
public sealed class CallActionsApiTests(EmbeddedPbx pbx)
{
    [Fact]
    public async Task Operator_hangs_up_a_live_call_and_both_phones_get_the_bye()
    {
        await pbx.CreateExtensionAsync("7501", "Caller");
        await pbx.CreateExtensionAsync("7502", "Callee");
        var calleePort = FreePort.UdpAndTcp();
        await Sipp.RegisterAsync(pbx.SipPort, "7502", EmbeddedPbx.Password, calleePort);
        using var http = await ClientAsync(Roles.Operator);
        await using var hub = await HubClient.ConnectAsync(pbx.BaseAddress, await HubClient.SignInAsync(pbx.BaseAddress, Roles.Operator, EmbeddedPbx.Password));
        (await hub.InvokeAsync("Subscribe", "call")).ShouldBeNull();
        var callee = Sipp.AnswerOneCallAsync(pbx.SipPort, calleePort);
        var caller = Sipp.CallUntilHungUpAsync(pbx.SipPort, "7501", EmbeddedPbx.Password, "7502");

        var callId = await hub.AnsweredCallIdAsync("7501");
        var calls = await http.GetFromJsonAsync<List<ActiveCall>>(new Uri("/api/v1/calls/active", UriKind.Relative));
        var call = calls.ShouldNotBeNull().Single(c => c.CallId == callId);
        call.State.ShouldBe("answered");
        call.Callee.ShouldBe("7502");
        call.Actions.ShouldBe([CallActions.Hangup, CallActions.Hold, CallActions.Transfer, CallActions.StartRecording, CallActions.Dtmf]);
        call.Held.ShouldBeFalse();
        var hangup = await http.PostAsync(new Uri($"/api/v1/calls/active/{Uri.EscapeDataString(call.CallId)}/hangup", UriKind.Relative), null);

        hangup.StatusCode.ShouldBe(HttpStatusCode.NoContent, await hangup.Content.ReadAsStringAsync());
        // Each sipp scenario only succeeds once it has received the BYE and answered it.
        await Task.WhenAll(caller, callee);
        var again = await http.PostAsync(new Uri($"/api/v1/calls/active/{Uri.EscapeDataString(call.CallId)}/hangup", UriKind.Relative), null);
        again.StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Actions_on_an_unknown_call_are_404()
    {
        using var http = await ClientAsync(Roles.Admin);

        foreach (var action in new[] { CallActions.Hangup, CallActions.Hold, CallActions.Resume })
            (await http.PostAsync(new Uri($"/api/v1/calls/active/no-such-call/{action}", UriKind.Relative), null)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Viewer_sees_active_calls_without_actions_and_may_not_hang_up()
    {
        using var http = await ClientAsync(Roles.Viewer);

        (await http.GetAsync(new Uri("/api/v1/calls/active", UriKind.Relative))).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await http.PostAsync(new Uri("/api/v1/calls/active/any-call/hangup", UriKind.Relative), null)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await http.PostAsync(new Uri("/api/v1/calls/originate", UriKind.Relative), null)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task A_user_without_a_linked_extension_has_no_phone_to_act_on()
    {
        using var http = await ClientAsync(Roles.Operator);

        var phone = await http.GetFromJsonAsync<PhoneStatus>(new Uri("/api/v1/me/phone", UriKind.Relative));
        phone.ShouldNotBeNull().ExtensionNumber.ShouldBeNull();
        (await http.PostAsync(new Uri("/api/v1/me/phone/calls/any-call/hangup", UriKind.Relative), null)).StatusCode.ShouldBe(HttpStatusCode.Conflict);
    }

    private async Task<HttpClient> ClientAsync(string role)
    {
        var http = new HttpClient { BaseAddress = pbx.BaseAddress };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await HubClient.SignInAsync(pbx.BaseAddress, role, EmbeddedPbx.Password));
        return http;
    }
}
