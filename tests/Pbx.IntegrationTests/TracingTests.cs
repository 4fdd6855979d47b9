using System.Collections.Concurrent;
using System.Diagnostics;
using Pbx.TestSupport;
using Shouldly;
using Xunit;

namespace Pbx.IntegrationTests;

/// <summary>
/// With traces on, one call is one trace: the edge's span of the INVITE, the call grain's calls under it (Orleans carries
/// the context), the media node's allocate and bridge under those. Traces are off by default; this test turns them on,
/// which changes nothing a phone sees.
/// </summary>
public sealed class TracingTests
{
    [Fact]
    public async Task A_call_is_one_trace_from_the_edge_through_the_call_grain_to_the_media_node()
    {
        var spans = new ConcurrentBag<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name.StartsWith("Pbx.", StringComparison.Ordinal) || source.Name.StartsWith("Microsoft.Orleans", StringComparison.Ordinal),
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = spans.Add,
        };
        ActivitySource.AddActivityListener(listener);
        await using var pbx = await PbxHost.StartAsync(PostgresServer.Shared.CreateDatabase("traces"), "--Traces:Enabled=true");
        var callee = await TestPhone.RegisterAsync(pbx, "7401");
        var caller = await TestPhone.CallerOnlyAsync(pbx, "7402");
        using var phone = new RtpSink();
        await using var uas = Sipp.Start("uas-answers.xml", pbx.Udp, callee.Number, callee.Port, keys: TestPhone.RtpPort(phone));

        var uac = await Sipp.RunAsync("uac-hangs-up.xml", pbx.Udp, caller.Number, caller.Port, service: callee.Number);

        uac.ExitCode.ShouldBe(0, uac.Output);
        var cdr = await CdrRow.ClosedAsync(pbx.Database, caller.Number, callee.Number);
        // The INVITE that was let through (the first is challenged and ends at once).
        var invite = spans.Where(s => s.OperationName == "SIP INVITE" && (string?)s.GetTagItem("sip.call_id") == cdr.CallId)
            .MaxBy(s => s.Duration).ShouldNotBeNull("the edge made a span for the INVITE");
        var trace = spans.Where(s => s.TraceId == invite.TraceId).ToList();
        trace.ShouldContain(s => s.Source.Name.StartsWith("Microsoft.Orleans", StringComparison.Ordinal) && s.DisplayName.Contains("CallGrain", StringComparison.Ordinal),
            "the call grain's calls are in the INVITE's trace: " + Names(trace));
        trace.ShouldContain(s => s.OperationName == "media allocate", "the media node's allocation too: " + Names(trace));
        trace.ShouldContain(s => s.OperationName == "media bridge", "and its bridge at the answer: " + Names(trace));
    }

    private static string Names(IEnumerable<Activity> spans) => string.Join(", ", spans.Select(s => $"{s.Source.Name}:{s.DisplayName}").Distinct());
}
