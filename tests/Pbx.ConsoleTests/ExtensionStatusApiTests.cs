using Pbx.Data.Extensions;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Pbx.ApiHost.Apis.Extensions;
using Pbx.ApiHost.Auth;
using Pbx.ApiHost.Paging;
using Pbx.TestSupport;
using Shouldly;

namespace Pbx.ConsoleTests;

/// <summary><c>GET /api/v1/extensions/{id}/status</c> against a real sipp phone: what the registrar and the call engine hold.</summary>
[Collection(PbxCollection.Name)]
public sealed class ExtensionStatusApiTests(EmbeddedPbx pbx)
{
    [Fact]
    public async Task Status_shows_the_registered_phone_as_it_reached_the_PBX_and_the_call_it_is_in()
    {
        await pbx.CreateExtensionAsync("7901", "Caller");
        await pbx.CreateExtensionAsync("7902", "Desk");
        var deskPort = FreePort.UdpAndTcp();
        var registeredAfter = DateTimeOffset.UtcNow;
        await Sipp.RegisterAsync(pbx.SipPort, "7902", EmbeddedPbx.Password, deskPort);
        using var http = new HttpClient { BaseAddress = pbx.BaseAddress };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await HubClient.SignInAsync(pbx.BaseAddress, Roles.Operator, EmbeddedPbx.Password));
        var id = (await http.GetFromJsonAsync<PagedResult<Extension>>(new Uri("/api/v1/extensions?number=7902", UriKind.Relative))).ShouldNotBeNull().Items.Single().Id;
        await using var hub = await HubClient.ConnectAsync(pbx.BaseAddress, await HubClient.SignInAsync(pbx.BaseAddress, Roles.Operator, EmbeddedPbx.Password));
        (await hub.InvokeAsync("Subscribe", "call")).ShouldBeNull();

        var idle = await http.GetFromJsonAsync<ExtensionStatusResponse>(new Uri($"/api/v1/extensions/{id}/status", UriKind.Relative));
        var desk = Sipp.AnswerOneCallAsync(pbx.SipPort, deskPort);
        var caller = Sipp.CallUntilHungUpAsync(pbx.SipPort, "7901", EmbeddedPbx.Password, "7902");
        var callId = await hub.AnsweredCallIdAsync("7901");
        var talking = await http.GetFromJsonAsync<ExtensionStatusResponse>(new Uri($"/api/v1/extensions/{id}/status", UriKind.Relative));
        var hangup = await http.PostAsync(new Uri($"/api/v1/calls/{Uri.EscapeDataString(callId)}/hangup", UriKind.Relative), null);
        await Task.WhenAll(caller, desk);

        var contact = idle.ShouldNotBeNull().Contacts.ShouldHaveSingleItem();
        (idle.Number, idle.Registered, idle.InCall).ShouldBe(("7902", true, false));
        (contact.SourceAddress, contact.SourcePort, contact.Transport, contact.UserAgent).ShouldBe(("127.0.0.1", deskPort, "udp", "sipp-console-test"));
        contact.ExpiresAt.ShouldBeGreaterThan(registeredAfter.AddSeconds(60));
        talking.ShouldNotBeNull().InCall.ShouldBeTrue();
        talking.Calls.ShouldHaveSingleItem().CallId.ShouldBe(callId);
        talking.Calls[0].State.ShouldBe("answered");
        hangup.StatusCode.ShouldBe(HttpStatusCode.NoContent, await hangup.Content.ReadAsStringAsync());
    }
}
