using System.Net;
using Pbx.Silo.Startup;
using Shouldly;
using Xunit;

namespace Pbx.Silo.Tests.Startup;

/// <summary>The start-up banner names the addresses a phone and a browser can reach, with the ports really bound.</summary>
public sealed class WelcomeTextTests
{
    private static readonly IPAddress Host = IPAddress.Parse("192.168.1.20");

    [Fact]
    public void Wildcard_bindings_show_the_hosts_primary_address_with_the_bound_ports_and_IPv6_twins_left_out_TLS_on_its_own_port()
    {
        var bound = new ListeningAddresses(
            [IPEndPoint.Parse("0.0.0.0:5070"), IPEndPoint.Parse("[::]:5070")], [IPEndPoint.Parse("0.0.0.0:5070"), IPEndPoint.Parse("[::]:5070")],
            [IPEndPoint.Parse("0.0.0.0:5066")], [IPEndPoint.Parse("0.0.0.0:5061"), IPEndPoint.Parse("[::]:5061")],
            ["http://0.0.0.0:8081", "http://[::]:8081"], Api: true);

        var lines = WelcomeText.Lines(bound, Host, "pbx");

        lines.ShouldBe([
            "  PBX ready. SIP phones: 192.168.1.20:5070 (UDP, TCP), 192.168.1.20:5061 (TLS), ws://192.168.1.20:5066 (WebSocket); realm pbx, user = extension number.",
            "  Browser: http://192.168.1.20:8081/   API: http://192.168.1.20:8081/api/v1   Stop: Ctrl-C",
        ]);
    }

    [Fact]
    public void Specific_addresses_are_shown_as_bound_each_transport_with_its_own_port()
    {
        var bound = new ListeningAddresses(
            [IPEndPoint.Parse("10.0.0.5:5060")], [IPEndPoint.Parse("10.0.0.5:5061")], [], [], ["http://127.0.0.1:8080", "http://10.0.0.5:8443"], Api: true);

        var lines = WelcomeText.Lines(bound, Host, "office");

        lines[0].ShouldBe("  PBX ready. SIP phones: 10.0.0.5:5060 (UDP), 10.0.0.5:5061 (TCP); realm office, user = extension number.");
        lines[1].ShouldBe("  Browser: http://127.0.0.1:8080/   API: http://127.0.0.1:8080/api/v1   (also http://10.0.0.5:8443/)   Stop: Ctrl-C");
    }

    [Fact]
    public void With_https_the_browser_is_sent_to_the_https_address_and_plain_http_is_listed_after_it()
    {
        var bound = new ListeningAddresses([], [], [], [], ["http://0.0.0.0:8080", "https://0.0.0.0:8443"], Api: true);

        var lines = WelcomeText.Lines(bound, Host, "pbx");

        lines[1].ShouldBe("  Browser: https://192.168.1.20:8443/   API: https://192.168.1.20:8443/api/v1   (also http://192.168.1.20:8080/)   Stop: Ctrl-C");
    }

    [Fact]
    public void A_process_without_the_edge_or_the_API_says_so_instead_of_inventing_addresses()
    {
        var lines = WelcomeText.Lines(new ListeningAddresses([], [], [], [], ["http://0.0.0.0:8080"], Api: false), Host, "pbx");

        lines.ShouldBe(["  PBX ready. SIP: this process has no edge role.", "  HTTP: http://192.168.1.20:8080/   Stop: Ctrl-C"]);
        string.Join("\n", lines).ShouldNotContain("5060");
    }
}
