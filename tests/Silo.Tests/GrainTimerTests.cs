using Pbx.Silo.Tests.Grains;
using Pbx.TestSupport;
using Shouldly;
using Xunit;

namespace Pbx.Silo.Tests;

public sealed class GrainTimerTests(PostgresDatabase database) : IClassFixture<PostgresDatabase>
{
    [Fact]
    public async Task Grain_timer_ticks_repeatedly_inside_the_activation()
    {
        await using var silo = await TestSilo.StartAsync(database.ConnectionString);

        await silo.Grains.GetGrain<IAlarmGrain>("timer").StartTimer(TimeSpan.FromMilliseconds(20));

        (await silo.NextEventAsync(e => e.Is("timer", "tick") && e.Data.GetString() == "3")).ShouldNotBeNull();
    }
}
