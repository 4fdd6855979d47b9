using System.Net;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Pbx.EdgeSip.Security;
using Pbx.EdgeSip.Tests.Transactions;
using Pbx.Grains.Trunks;
using Shouldly;
using Xunit;

namespace Pbx.EdgeSip.Tests.Security;

/// <summary>The edge's first check of every request: floods and scanners are dropped, phones are not.</summary>
public sealed class SipFloodGuardTests
{
    private static readonly IPEndPoint Flooder = new(IPAddress.Parse("203.0.113.7"), 5060);
    private static readonly IPEndPoint Office = new(IPAddress.Parse("198.51.100.20"), 5060);

    private readonly ManualTimeProvider _time = new();

    private SipFloodGuard Guard(Action<SipFloodOptions>? configure = null, ITrunkDirectory? trunks = null)
    {
        var options = new SipFloodOptions { RequestsPerWindow = 100, Window = TimeSpan.FromSeconds(2), BanDuration = TimeSpan.FromMinutes(2), TrackedAddresses = 256 };
        configure?.Invoke(options);
        return new SipFloodGuard(Options.Create(options), _time, NullLogger<SipFloodGuard>.Instance, trunks);
    }

    [Fact]
    public void A_carrier_s_trunk_is_never_banned_however_busy_but_a_phone_on_its_address_is()
    {
        var carrier = new IPEndPoint(IPAddress.Parse("192.0.2.10"), 5060);
        var guard = Guard(trunks: new OneTrunk(carrier));
        for (var i = 0; i < 1000; i++)
            guard.Admit(carrier, "").ShouldBe(SipDropReason.None, $"request {i} from the carrier");

        // Its address from another port is not the carrier (the trunk table matches host and port).
        var phone = new IPEndPoint(carrier.Address, 5062);
        for (var i = 1; i < 100; i++)
            guard.Admit(phone, "");
        guard.Admit(phone, "").ShouldBe(SipDropReason.Flood);
    }

    // The carrier as the trunk table would name it; the table itself is tested in Grains.Tests (InboundRoutingTests).
    private sealed class OneTrunk(IPEndPoint carrier) : ITrunkDirectory
    {
        public bool IsKnownSource(IPAddress address, int port) => address.Equals(carrier.Address) && port == carrier.Port;

        public Task<IReadOnlyList<TrunkRegistrationRow>> ListRegisteringAsync(CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<string?> IdentifySourceAsync(IPAddress address, int port, CancellationToken cancellationToken) => throw new NotSupportedException();

        public void Invalidate() => throw new NotSupportedException();

        public Task<TrunkCredentials?> FindCredentialsAsync(string trunkId, CancellationToken cancellationToken) => throw new NotSupportedException();
    }

    [Fact]
    public void A_source_over_the_limit_is_dropped_for_the_ban_while_others_are_served()
    {
        var guard = Guard();
        for (var i = 1; i < 100; i++)
            guard.Admit(Flooder, "").ShouldBe(SipDropReason.None, $"request {i}");

        guard.Admit(Flooder, "").ShouldBe(SipDropReason.Flood, "the 100th request within the window");
        guard.Admit(new IPEndPoint(IPAddress.Parse("::ffff:203.0.113.7"), 5060), "").ShouldBe(SipDropReason.Flood, "its IPv4-mapped form is the same source");
        guard.Admit(Office, "Yealink SIP-T46U 108.86.0.20").ShouldBe(SipDropReason.None);

        _time.Advance(TimeSpan.FromMinutes(2) - TimeSpan.FromSeconds(1));
        guard.Admit(Flooder, "").ShouldBe(SipDropReason.Flood);
        _time.Advance(TimeSpan.FromSeconds(1));
        guard.Admit(Flooder, "").ShouldBe(SipDropReason.None, "the ban ends after its duration");
    }

    [Fact]
    public void Requests_spread_wider_than_the_window_are_never_a_flood()
    {
        var guard = Guard();
        for (var i = 0; i < 1000; i++)
        {
            guard.Admit(Office, "").ShouldBe(SipDropReason.None, $"request {i}");
            _time.Advance(TimeSpan.FromMilliseconds(25));
        }
    }

    [Theory]
    [InlineData("friendly-scanner")]
    [InlineData("sipvicious")]
    [InlineData("SIPVicious/0.3.3")]
    [InlineData("sipcli/v1.8")]
    [InlineData("sundayddr")]
    public void A_scanner_is_dropped_at_its_first_request(string userAgent) =>
        Guard().Admit(Office, userAgent).ShouldBe(SipDropReason.Scanner);

    [Theory]
    [InlineData("Linphone-Desktop/5.2.6 (Debian) LinphoneCore/5.3.0")]
    [InlineData("baresip v3.10.1 (x86_64/linux)")]
    [InlineData("Grandstream GXP1625 1.0.7.64")]
    [InlineData("")]
    public void A_phone_is_not_taken_for_a_scanner(string userAgent) =>
        Guard().Admit(Office, userAgent).ShouldBe(SipDropReason.None);

    [Fact]
    public void A_trusted_network_is_never_limited_and_only_127_0_0_1_of_loopback_is_trusted_by_default()
    {
        var guard = Guard(o => o.TrustedSources.Add("198.51.100.0/24"));
        for (var i = 0; i < 1000; i++)
        {
            guard.Admit(Office, "").ShouldBe(SipDropReason.None);
            guard.Admit(new IPEndPoint(IPAddress.Loopback, 5060), "").ShouldBe(SipDropReason.None);
        }
        var other = new IPEndPoint(IPAddress.Parse("127.0.0.2"), 5060);
        for (var i = 1; i < 100; i++)
            guard.Admit(other, "");
        guard.Admit(other, "").ShouldBe(SipDropReason.Flood, "127.0.0.2 is another host's address as far as the limit goes");
    }

    [Fact]
    public void The_limit_can_be_switched_off_but_scanners_stay_dropped()
    {
        var guard = Guard(o => o.Enabled = false);
        for (var i = 0; i < 1000; i++)
            guard.Admit(Flooder, "").ShouldBe(SipDropReason.None);
        guard.Admit(Flooder, "friendly-scanner").ShouldBe(SipDropReason.Scanner);
    }

    [Fact]
    public void Invalid_settings_are_named_with_their_key()
    {
        var errors = new SipFloodOptions { RequestsPerWindow = 5, Window = TimeSpan.Zero, TrustedSources = ["10.0.0.0/33"], ScannerUserAgents = [" "] }.Validate();

        errors.ShouldContain(e => e.StartsWith("Sip:Flood:RequestsPerWindow is 5", StringComparison.Ordinal));
        errors.ShouldContain(e => e.StartsWith("Sip:Flood:Window", StringComparison.Ordinal));
        errors.ShouldContain(e => e.StartsWith("Sip:Flood:TrustedSources:0 is \"10.0.0.0/33\"", StringComparison.Ordinal));
        errors.ShouldContain(e => e.StartsWith("Sip:Flood:ScannerUserAgents:0", StringComparison.Ordinal));
        new SipFloodOptions().Validate().ShouldBeEmpty("the defaults are valid");
    }
}
