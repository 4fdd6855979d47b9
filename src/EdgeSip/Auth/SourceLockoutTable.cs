using System.Net;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Pbx.EdgeSip.Security;
using Pbx.Grains.Extensions;

namespace Pbx.EdgeSip.Auth;

/// <summary>
/// Failed logins per source IP address, with lockout: a guesser is cut off at the edge before any grain call, while every
/// other address keeps working. Bounded memory (<see cref="SourceWindowTable"/>): a flood of addresses cannot grow it.
/// </summary>
public sealed partial class SourceLockoutTable
{
    private readonly SourceWindowTable _table;
    private readonly LockoutOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<SourceLockoutTable> _logger;

    /// <summary>Creates an empty table of <see cref="LockoutOptions.TrackedAddresses"/> slots.</summary>
    public SourceLockoutTable(IOptions<LockoutOptions> options, TimeProvider time, ILogger<SourceLockoutTable> logger)
    {
        _options = options.Value;
        _time = time;
        _logger = logger;
        _table = new SourceWindowTable(_options.TrackedAddresses);
    }

    /// <summary>True while <paramref name="address"/> is locked out: answer 403 without checking credentials.</summary>
    public bool IsLocked(IPAddress address) => _table.IsLocked(address, _time.GetUtcNow());

    /// <summary>Counts a failed login from <paramref name="address"/>; true when the address is locked out afterwards.</summary>
    public bool RecordFailure(IPAddress address)
    {
        var locked = _table.Record(address, _time.GetUtcNow(), _options, out var engaged);
        if (engaged)
            LogAddressLockedOut(address, _options.MaxFailures, _options.LockoutDuration);
        return locked;
    }

    /// <summary>Forgets the failures of <paramref name="address"/> after a successful login (a lockout in force stays).</summary>
    public void RecordSuccess(IPAddress address) => _table.Reset(address, _time.GetUtcNow());
}
