using System.Net;
using System.Text.RegularExpressions;
using Pbx.Grains.Calls;
using Pbx.TestSupport;
using Shouldly;
using Xunit;

namespace Pbx.IntegrationTests;

/// <summary>/metrics as Prometheus scrapes it from the same machine, after phones registered and called through the PBX.</summary>
public sealed partial class MetricsTests(CallFixture fixture) : IClassFixture<CallFixture>
{
    private PbxHost Pbx => fixture.Host;

    [Fact]
    public async Task A_scrape_after_an_answered_call_counts_its_sip_requests_the_call_and_its_rtp()
    {
        var caller = await TestPhone.CallerOnlyAsync(Pbx, "5301");
        var callee = await TestPhone.RegisterAsync(Pbx, "5302");
        var before = await ScrapeAsync();
        using var events = Pbx.LiveEvents.Subscribe([CallGrain.CallTopic]);
        using var phone = new RtpSink();
        await using var uas = Sipp.Start("uas-answers.xml", Pbx.Udp, callee.Number, callee.Port, keys: TestPhone.RtpPort(phone));
        await using var uac = Sipp.Start("uac-hangs-up.xml", Pbx.Udp, caller.Number, caller.Port, service: callee.Number);
        (await uac.WaitAsync()).ExitCode.ShouldBe(0);
        (await uas.WaitAsync()).ExitCode.ShouldBe(0);
        await TestPhone.NextEventAsync(events, "ended");

        var after = await ScrapeAsync();

        // At least: the meters are the process's, and other test classes place calls through their own PBX meanwhile.
        Value(after, "pbx_calls_started_total").ShouldBeGreaterThanOrEqualTo(Value(before, "pbx_calls_started_total") + 1);
        Value(after, "pbx_calls_ended_total", "disposition=\"answered\"").ShouldBeGreaterThanOrEqualTo(Value(before, "pbx_calls_ended_total", "disposition=\"answered\"") + 1);
        Value(after, "pbx_sip_requests_total", "method=\"INVITE\"").ShouldBeGreaterThan(Value(before, "pbx_sip_requests_total", "method=\"INVITE\""));
        Value(after, "pbx_sip_requests_total", "method=\"BYE\"").ShouldBeGreaterThan(Value(before, "pbx_sip_requests_total", "method=\"BYE\""));
        Value(before, "pbx_sip_registrations_total", "result=\"Ok\"").ShouldBeGreaterThan(0, "the callee's REGISTER");
        Value(after, "pbx_media_rtp_forwarded_total").ShouldBeGreaterThan(Value(before, "pbx_media_rtp_forwarded_total"), "the caller's audio was relayed");
        Value(after, "orleans_catalog_activations").ShouldBeGreaterThan(0, "Orleans' own meters are exported: the call's grains are active");
    }

    [Fact]
    public async Task Metrics_from_a_network_not_allowed_are_no_page_at_all()
    {
        // The test host scrapes from loopback; allow only another network, as a production host would allow its Prometheus.
        await using var pbx = await PbxHost.StartAsync(PostgresServer.Shared.CreateDatabase("metrics"), "--Metrics:AllowFrom:0=10.9.9.0/24");
        using var http = new HttpClient();
        (await http.GetAsync(new Uri(pbx.Http, "/metrics"))).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    private async Task<string> ScrapeAsync()
    {
        using var http = new HttpClient();
        var response = await http.GetAsync(new Uri(Pbx.Http, "/metrics"));
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        return await response.Content.ReadAsStringAsync();
    }

    /// <summary>The sum of a metric's samples whose labels contain <paramref name="label"/> (all samples when null); 0 when none.</summary>
    private static double Value(string exposition, string name, string? label = null) =>
        Sample().Matches(exposition)
            .Where(m => m.Groups["name"].Value == name && (label is null || m.Groups["labels"].Value.Contains(label, StringComparison.Ordinal)))
            .Sum(m => double.Parse(m.Groups["value"].Value, System.Globalization.CultureInfo.InvariantCulture));

    [GeneratedRegex(@"^(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(\{(?<labels>[^}]*)\})? (?<value>[-+0-9.eE]+|NaN)", RegexOptions.Multiline)]
    private static partial Regex Sample();
}
