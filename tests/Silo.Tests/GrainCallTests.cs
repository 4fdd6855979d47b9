using Pbx.Silo.Tests.Grains;
using Pbx.TestSupport;
using Shouldly;
using Xunit;

namespace Pbx.Silo.Tests;

public sealed class GrainCallTests(PostgresDatabase database) : IClassFixture<PostgresDatabase>, IAsyncLifetime
{
    private TestSilo _silo = null!;

    public async Task InitializeAsync() => _silo = await TestSilo.StartAsync(database.ConnectionString);

    public async Task DisposeAsync() => await _silo.DisposeAsync();

    [Fact]
    public async Task Concurrent_callers_never_interleave_and_run_in_arrival_order()
    {
        var grain = _silo.Grains.GetGrain<ICounterGrain>("turns");

        // Issued from one thread without awaiting: arrival order is 0..99.
        var calls = Enumerable.Range(0, 100).Select(grain.Append).ToList();
        var alone = await Task.WhenAll(calls);

        alone.ShouldAllBe(a => a, "a turn saw another turn inside the grain");
        (await grain.Values()).ShouldBe(Enumerable.Range(0, 100).ToArray());
        (await grain.Count()).ShouldBe(100);
    }

    [Fact]
    public async Task Many_concurrent_first_calls_share_one_activation()
    {
        var ids = await Task.WhenAll(Enumerable.Range(0, 50).Select(
            _ => Task.Run(() => _silo.Grains.GetGrain<ICounterGrain>("single").ActivationId())));

        ids.Distinct().Count().ShouldBe(1);
    }

    [Fact]
    public async Task References_are_equal_by_key_and_guid_keys_round_trip()
    {
        var key = Guid.NewGuid();

        (await _silo.Grains.GetGrain<IGuidKeyedGrain>(key).Key()).ShouldBe(key);
        _silo.Grains.GetGrain<ICounterGrain>("a").ShouldBe(_silo.Grains.GetGrain<ICounterGrain>("a"));
        _silo.Grains.GetGrain<ICounterGrain>("a").ShouldNotBe(_silo.Grains.GetGrain<ICounterGrain>("b"));
    }

    [Fact]
    public async Task Exception_thrown_in_a_grain_reaches_the_caller_with_its_type_and_message()
    {
        var grain = _silo.Grains.GetGrain<ICounterGrain>("errors");

        var after = await Should.ThrowAsync<RejectedByGrainException>(() => grain.Throw("extension 201 is disabled"));
        var before = await Should.ThrowAsync<InvalidOperationException>(() => grain.ThrowBeforeAwait("no such queue 7"));

        after.Message.ShouldBe("extension 201 is disabled");
        before.Message.ShouldBe("no such queue 7");
        (await grain.Count()).ShouldBe(0, "the activation survives a failed call");
    }

    [Fact]
    public async Task Failed_activation_fails_its_calls_with_the_activation_exception()
    {
        var grain = _silo.Grains.GetGrain<ICounterGrain>("unactivatable");

        var calls = Enumerable.Range(0, 3).Select(_ => Should.ThrowAsync<InvalidOperationException>(() => grain.Count().AsTask())).ToList();

        foreach (var ex in await Task.WhenAll(calls))
            ex.Message.ShouldBe("counter unactivatable has no backing row");
    }

    [Fact]
    public async Task A_call_that_outlives_the_timeout_fails_with_TimeoutException_naming_grain_and_method()
    {
        // Its own silo: the deadline counts time spent queued, which the other tests should not race against.
        await using var impatient = await TestSilo.StartAsync(database.ConnectionString, new Dictionary<string, string?>
        {
            ["Runtime:CallTimeout"] = "00:00:00.200",
        });
        var grain = impatient.Grains.GetGrain<ICounterGrain>("slow");

        var ex = await Should.ThrowAsync<TimeoutException>(() => grain.Sleep(TimeSpan.FromMilliseconds(600)));

        ex.Message.ShouldContain("ICounterGrain.Sleep");
        ex.Message.ShouldContain("Counter/slow");
        ex.Message.ShouldContain("Runtime:CallTimeout");
    }

    [Fact]
    public async Task Reentrant_grain_lets_a_second_call_in_while_the_first_awaits()
    {
        var grain = _silo.Grains.GetGrain<IGateGrain>("reentrant");

        var waiting = grain.Wait();
        await grain.Open();

        await waiting.WaitAsync(TestSilo.Patience);
    }

    [Fact]
    public async Task Reentrant_grain_still_runs_one_piece_of_code_at_a_time()
    {
        var grain = _silo.Grains.GetGrain<IGateGrain>("single-threaded");

        var alone = await Task.WhenAll(Enumerable.Range(0, 40).Select(_ => Task.Run(grain.Spin)));

        alone.ShouldAllBe(a => a, "two interleaved turns ran on two threads at once");
    }

    [Fact]
    public async Task AlwaysInterleave_method_runs_while_a_turn_awaits()
    {
        var grain = _silo.Grains.GetGrain<IInterleavingGateGrain>("interleave");

        var waiting = grain.Wait();
        await grain.Open();

        await waiting.WaitAsync(TestSilo.Patience);
    }

    [Fact]
    public async Task ReadOnly_calls_overlap_each_other()
    {
        var grain = _silo.Grains.GetGrain<IInterleavingGateGrain>("readers");

        // Each Meet completes only once all three are inside the grain together.
        await Task.WhenAll(grain.Meet(3), grain.Meet(3), grain.Meet(3)).WaitAsync(TestSilo.Patience);
    }
}
