using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Pbx.ApiHost.Auth;
using Pbx.ApiHost.Paging;
using Pbx.Data.Extensions;
using Pbx.TestSupport;
using Shouldly;

namespace Pbx.ConsoleTests;

/// <summary>Changes made through <c>/api/v1/extensions</c> reach a phone's extension that is already active in the silo.</summary>
[Collection(PbxCollection.Name)]
public sealed class ExtensionChangesApiTests(EmbeddedPbx pbx)
{
    [Fact]
    public async Task A_password_reset_applies_to_the_next_register_of_a_registered_phone()
    {
        await pbx.CreateExtensionAsync("7801", "Desk");
        var phonePort = FreePort.UdpAndTcp();
        await Sipp.RegisterAsync(pbx.SipPort, "7801", EmbeddedPbx.Password, phonePort);
        using var http = new HttpClient { BaseAddress = pbx.BaseAddress };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await HubClient.SignInAsync(pbx.BaseAddress, Roles.Admin, EmbeddedPbx.Password));
        var page = await http.GetFromJsonAsync<PagedResult<Extension>>(new Uri("/api/v1/extensions?number=7801", UriKind.Relative));
        var id = page.ShouldNotBeNull().Items.Single().Id;
        const string newPassword = "a-new-secret-7801";

        var reset = await http.PostAsJsonAsync(new Uri($"/api/v1/extensions/{id}/password", UriKind.Relative), new { password = newPassword });

        reset.StatusCode.ShouldBe(HttpStatusCode.NoContent, await reset.Content.ReadAsStringAsync());
        await Should.ThrowAsync<InvalidOperationException>(() => Sipp.RegisterAsync(pbx.SipPort, "7801", EmbeddedPbx.Password, phonePort));
        await Sipp.RegisterAsync(pbx.SipPort, "7801", newPassword, phonePort);
    }
}
