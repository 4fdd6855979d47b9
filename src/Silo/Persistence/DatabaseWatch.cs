using System.Diagnostics.Metrics;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Pbx.Data.Health;

namespace Pbx.Silo.Persistence;

/// <summary>
/// Whether this process reaches PostgreSQL, checked every <see cref="Period"/> with one <c>select 1</c>: a gauge
/// <c>pbx.database.up</c> (1 or 0, on the <c>Pbx.Database</c> meter) and one log line when it goes away and when it
/// returns, so an operator sees an outage the calls ride through (<see cref="OutageTolerantStorage"/>, the CDR journal).
/// A caller that fails to reach it says so (<see cref="ReportUnreachable"/>), so grain state stops trying at once and
/// starts again when a ping answers.
/// </summary>
public sealed partial class DatabaseWatch : BackgroundService
{
    /// <summary>Name of the meter.</summary>
    public const string MeterName = "Pbx.Database";

    /// <summary>How often the database is pinged.</summary>
    public static readonly TimeSpan Period = TimeSpan.FromSeconds(2);

    private static readonly Meter Meter = new(MeterName);
    // One gauge per process over every watch in it (tests and benchmarks run several hosts in one process).
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<DatabaseWatch, byte> Live = new();
    private static readonly ObservableGauge<int> UpGauge = Meter.CreateObservableGauge("pbx.database.up",
        () => Live.Keys.All(watch => watch._up) ? 1 : 0, description: "1 while PostgreSQL answers this process, 0 while it is away");

    private readonly DatabaseProbe _probe;
    private readonly TimeProvider _time;
    private readonly ILogger<DatabaseWatch> _logger;
    private readonly Lock _gate = new();
    private volatile bool _up = true;
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public DatabaseWatch(DatabaseProbe probe, TimeProvider time, ILogger<DatabaseWatch> logger)
    {
        _probe = probe;
        _time = time;
        _logger = logger;
        Live[this] = 0;
    }

    /// <summary>
    /// Whether the database is taken as reachable: the last ping's answer, or false since a caller reported it unreachable
    /// (true until either says otherwise).
    /// </summary>
    public bool Up => _up;

    /// <summary>
    /// A caller could not reach the database (<see cref="OutageTolerantStorage"/>): it is taken as away until a ping
    /// answers, so other callers do not each wait for it.
    /// </summary>
    public void ReportUnreachable(Exception cause) => Set(false, cause);

    /// <summary>Completes once <see cref="Up"/> is <paramref name="up"/>.</summary>
    public async Task WhenAsync(bool up, CancellationToken cancellationToken)
    {
        while (true)
        {
            var changed = _changed.Task;
            if (_up == up)
                return;
            await changed.WaitAsync(cancellationToken);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Period, _time);
        do
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
            timeout.CancelAfter(Period);
            var ping = await PingAsync(timeout.Token);
            if (!stoppingToken.IsCancellationRequested)
                Set(ping, null);
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    private void Set(bool up, Exception? cause)
    {
        TaskCompletionSource changed;
        lock (_gate)
        {
            if (_up == up)
                return;
            _up = up;
            changed = _changed;
            _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }
        if (up)
            LogBack();
        else
            LogAway(cause);
        changed.SetResult();
    }

    public override void Dispose()
    {
        Live.TryRemove(this, out _);
        base.Dispose();
    }

    private async Task<bool> PingAsync(CancellationToken cancellationToken)
    {
        try
        {
            return (await _probe.PingAsync(cancellationToken)).Reachable;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    [LoggerMessage(EventId = 4210, Level = LogLevel.Warning, Message = "PostgreSQL is away: calls between registered phones go on from memory, CDRs go to the local journal")]
    private partial void LogAway(Exception? cause);

    [LoggerMessage(EventId = 4211, Level = LogLevel.Information, Message = "PostgreSQL is back")]
    private partial void LogBack();
}
