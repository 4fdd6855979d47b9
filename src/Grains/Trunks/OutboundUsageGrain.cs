using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans;
using Pbx.Data.Cdrs;
using Pbx.Grains.Live;
using Pbx.Grains.Organisation;

namespace Pbx.Grains.Trunks;

/// <summary>
/// An extension's calls through trunks against its limits (<see cref="OutboundUsage"/> holds the rule). Counted from the
/// CDRs at activation, so neither a restart nor a silo's death resets a budget; a limit hit is an alert: a security log
/// line and a live event on <see cref="AlertTopic"/>, for the operator to look at the phone before the bill does.
/// </summary>
public sealed partial class OutboundUsageGrain(
    CdrRepository cdrs,
    IOptions<OrganisationOptions> organisation,
    ILiveEvents liveEvents,
    TimeProvider time,
    ILogger<OutboundUsageGrain> logger) : Grain, IOutboundUsageGrain
{
    /// <summary>Live event topic of alerts (key = the extension, kind = <c>outbound-limit</c>).</summary>
    public const string AlertTopic = "alert";

    private readonly TimeZoneInfo _zone = organisation.Value.Zone();
    private OutboundUsage _usage = null!;

    private string Extension => this.GetPrimaryKeyString();

    /// <inheritdoc />
    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var dayStart = DayStart(now);
        var row = await cdrs.FindOutboundUsageAsync(Extension, now.AddHours(-1), dayStart, cancellationToken);
        _usage = new OutboundUsage(row.StartedSince, row.OpenCallIds, row.TalkSecondsToday, dayStart);
    }

    /// <inheritdoc />
    public Task<OutboundLimitHit> TryStartAsync(string callId, OutboundLimits limits)
    {
        var now = time.GetUtcNow();
        var hit = _usage.TryStart(callId, limits, now, DayStart(now));
        if (hit != OutboundLimitHit.None)
        {
            var limit = hit switch
            {
                OutboundLimitHit.Concurrent => $"{limits.Concurrent} outbound calls at once",
                OutboundLimitHit.PerHour => $"{limits.PerHour} outbound calls per hour",
                _ => $"{limits.MinutesPerDay} outbound minutes per day",
            };
            LogLimitHit(callId, Extension, limit);
            liveEvents.Publish(AlertTopic, Extension, "outbound-limit", new { callId, limit = hit.ToString(), description = limit }, now);
        }
        return Task.FromResult(hit);
    }

    /// <inheritdoc />
    public Task EndAsync(string callId, long talkSeconds)
    {
        var now = time.GetUtcNow();
        _usage.End(callId, talkSeconds, now, DayStart(now));
        return Task.CompletedTask;
    }

    /// <summary>The organisation's midnight that began the day <paramref name="now"/> is in.</summary>
    private DateTimeOffset DayStart(DateTimeOffset now)
    {
        var local = TimeZoneInfo.ConvertTime(now, _zone);
        var midnight = local.Date;
        return new DateTimeOffset(midnight, _zone.GetUtcOffset(midnight));
    }

    [LoggerMessage(EventId = 2235, Level = LogLevel.Warning, Message = "Security: call {CallId} from extension {Extension} refused: it reached its limit of {Limit}")]
    private partial void LogLimitHit(string callId, string extension, string limit);
}
