using System.Data.Common;
using NodaTime;
using Orleans;
using Pbx.Data.TimeConditions;

namespace Pbx.Grains.TimeConditions;

/// <inheritdoc cref="ITimeConditionGrain"/>
public sealed class TimeConditionGrain(TimeConditionRepository conditions, TimeProvider time) : Grain, ITimeConditionGrain
{
    private TimeConditionSchedule? _schedule;
    private bool _loaded;

    /// <inheritdoc />
    /// <remarks>A condition that cannot be read (the database away before its first caller) counts as open until it can.</remarks>
    public async Task<bool> IsOpenAsync()
    {
        if (!_loaded)
        {
            try
            {
                _schedule = long.TryParse(this.GetPrimaryKeyString(), out var id) && await conditions.GetAsync(id, CancellationToken.None) is { } row
                    ? TimeConditionSchedule.Of(row)
                    : null;
                _loaded = true;
            }
            catch (DbException)
            {
                return true;
            }
        }
        return _schedule?.StateAt(Instant.FromDateTimeOffset(time.GetUtcNow())).Open ?? true;
    }

    /// <inheritdoc />
    public Task ForgetAsync()
    {
        (_schedule, _loaded) = (null, false);
        return Task.CompletedTask;
    }
}
