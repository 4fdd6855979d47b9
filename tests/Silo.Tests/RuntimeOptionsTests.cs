using Pbx.Silo.Tests.Grains;
using Pbx.TestSupport;
using Shouldly;
using Xunit;

namespace Pbx.Silo.Tests;

/// <summary>The Runtime section reaches Orleans: CollectionAge and CollectionInterval drive idle collection, CallTimeout the response timeout.</summary>
public sealed class RuntimeOptionsTests(PostgresDatabase database) : IClassFixture<PostgresDatabase>
{
    [Fact]
    public async Task Idle_activation_is_collected_after_Runtime_CollectionAge_and_reactivates_on_the_next_call()
    {
        await using var silo = await TestSilo.StartAsync(database.ConnectionString, new Dictionary<string, string?>
        {
            ["Runtime:CollectionAge"] = "00:00:01",
            ["Runtime:CollectionInterval"] = "00:00:00.200",
        });
        var grain = silo.Grains.GetGrain<IProbeGrain>("idle");
        var firstActivation = await grain.ActivationId();

        var collected = await silo.NextEventAsync(e => e.Is("idle", "deactivated"));

        collected.Data.GetString().ShouldBe("ActivationIdle");
        (await grain.ActivationId()).ShouldNotBe(firstActivation);
    }

    [Fact]
    public async Task A_call_that_outlives_Runtime_CallTimeout_fails_with_TimeoutException()
    {
        await using var silo = await TestSilo.StartAsync(database.ConnectionString, new Dictionary<string, string?>
        {
            ["Runtime:CallTimeout"] = "00:00:00.500",
        });

        await Should.ThrowAsync<TimeoutException>(() => silo.Grains.GetGrain<IProbeGrain>("slow").Sleep(TimeSpan.FromSeconds(2)));
    }
}
