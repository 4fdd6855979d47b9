using Pbx.Grains.Extensions;
using Pbx.Grains.Live;
using Orleans;
using Orleans.Runtime;
using Pbx.TestSupport;
using Shouldly;
using Xunit;

namespace Pbx.Grains.Tests.Extensions;

public sealed class ExtensionGrainTests(PostgresDatabase database) : IClassFixture<PostgresDatabase>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Register_publishes_registered_and_bindings_survive_a_clean_restart()
    {
        await using (var silo = await ExtensionSilo.StartAsync(database.ConnectionString))
        {
            (await silo.Repository.AddAsync("201", "Alice", "pw-201")).ShouldBe("pw-201");
            using var events = silo.LiveEvents.Subscribe([ExtensionGrain.LiveTopic]);

            var outcome = await silo.Grains.GetGrain<IExtensionGrain>("201").RegisterAsync(Request("sip:201@127.0.0.10:5060", 600));

            outcome.Result.ShouldBe(RegisterResult.Ok);
            outcome.Bindings.ShouldHaveSingleItem().ExpiresInSeconds.ShouldBe(600);
            var registered = await NextAsync(events);
            (registered.Key, registered.Kind).ShouldBe(("201", "registered"));
            registered.Data.GetProperty("contact").GetString().ShouldBe("sip:201@127.0.0.10:5060");
        }

        await using (var silo = await ExtensionSilo.StartAsync(database.ConnectionString))
        {
            var binding = (await silo.Grains.GetGrain<IExtensionGrain>("201").GetBindingsAsync()).ShouldHaveSingleItem();
            binding.ContactUri.ShouldBe("sip:201@127.0.0.10:5060");
            binding.SourceAddress.ShouldBe("127.0.0.10");
            binding.Transport.ShouldBe("udp");
        }
    }

    [Fact]
    public async Task Bindings_are_written_behind_within_about_a_second_without_a_write_per_register()
    {
        await using var silo = await ExtensionSilo.StartAsync(database.ConnectionString);
        await silo.Repository.AddAsync("208", password: "pw-208");
        var grain = silo.Grains.GetGrain<IExtensionGrain>("208");
        for (uint cseq = 1; cseq <= 20; cseq++)
            await grain.RegisterAsync(Request("sip:208@127.0.0.10:5060", 600, cseq));

        // The first write comes from the write-behind timer, not from the registrations themselves.
        var stored = await StoredStateAsync("208", untilContains: "\"cSeq\": 20");
        stored.Version.ShouldBeLessThanOrEqualTo(2, "twenty refreshes within a second cost one or two writes, not twenty");
    }

    [Fact]
    public async Task Refreshes_from_the_same_phone_wait_for_the_refresh_write_yet_a_clean_restart_keeps_them()
    {
        await using (var silo = await ExtensionSilo.StartAsync(database.ConnectionString))
        {
            await silo.Repository.AddAsync("209", password: "pw-209");
            await silo.Repository.AddAsync("210", password: "pw-210");
            var grain = silo.Grains.GetGrain<IExtensionGrain>("209");
            await grain.RegisterAsync(Request("sip:209@127.0.0.10:5060", 600, 1));
            var first = await StoredStateAsync("209", untilContains: "\"cSeq\": 1");
            for (uint cseq = 2; cseq <= 5; cseq++)
                await grain.RegisterAsync(Request("sip:209@127.0.0.10:5060", 600, cseq));

            // 210's new binding is written by a write-behind timer armed after any 209's refreshes could have armed.
            await silo.Grains.GetGrain<IExtensionGrain>("210").RegisterAsync(Request("sip:210@127.0.0.10:5060", 600));
            await StoredStateAsync("210", untilContains: "\"cSeq\": 1");
            var stored = await StoredStateAsync("209", untilContains: "\"cSeq\"");
            stored.Version.ShouldBe(first.Version, "refresh-only changes wait for Sip:Registrar:RefreshWriteSeconds");
            stored.Payload.ShouldContain("\"cSeq\": 1");
        }

        await using (var silo = await ExtensionSilo.StartAsync(database.ConnectionString))
        {
            var binding = (await silo.Grains.GetGrain<IExtensionGrain>("209").GetBindingsAsync()).ShouldHaveSingleItem();
            binding.CSeq.ShouldBe(5u, "the clean stop wrote the last refresh");
        }
    }

    [Fact]
    public async Task Binding_expires_on_time_without_a_request_and_publishes_expired()
    {
        await using var silo = await ExtensionSilo.StartAsync(database.ConnectionString, minExpires: 1);
        await silo.Repository.AddAsync("202", password: "pw-202");
        using var events = silo.LiveEvents.Subscribe([ExtensionGrain.LiveTopic]);
        var grain = silo.Grains.GetGrain<IExtensionGrain>("202");

        await grain.RegisterAsync(Request("sip:202@127.0.0.10:5060", 1));

        (await NextAsync(events)).Kind.ShouldBe("registered");
        var expired = await NextAsync(events);
        (expired.Key, expired.Kind).ShouldBe(("202", "expired"));
        (await grain.GetBindingsAsync()).ShouldBeEmpty();
    }

    [Fact]
    public async Task Binding_that_lapsed_while_the_silo_was_down_is_dropped_on_activation()
    {
        // Real time, with a short registration: a hand-moved clock would move the silos' membership clock too, and Orleans
        // ends a silo that finds itself dead in a table it reads with that clock.
        const int Expires = 5;
        DateTimeOffset registeredAt;
        await using (var silo = await ExtensionSilo.StartAsync(database.ConnectionString, minExpires: 1))
        {
            await silo.Repository.AddAsync("203", password: "pw-203");
            registeredAt = DateTimeOffset.UtcNow;
            await silo.Grains.GetGrain<IExtensionGrain>("203").RegisterAsync(Request("sip:203@127.0.0.10:5060", Expires));
        }
        (await StoredStateAsync("203", untilContains: "\"cSeq\": 1")).Payload.ShouldContain("sip:203@127.0.0.10:5060", Case.Sensitive,
            "the clean stop stored the binding before it lapsed");
        await Task.Delay(registeredAt + TimeSpan.FromSeconds(Expires) - DateTimeOffset.UtcNow + TimeSpan.FromMilliseconds(100));

        await using (var silo = await ExtensionSilo.StartAsync(database.ConnectionString, minExpires: 1))
        {
            using var events = silo.LiveEvents.Subscribe([ExtensionGrain.LiveTopic]);
            (await silo.Grains.GetGrain<IExtensionGrain>("203").GetBindingsAsync()).ShouldBeEmpty();
            (await NextAsync(events)).Kind.ShouldBe("expired");
        }
    }

    [Fact]
    public async Task Credentials_are_the_stored_HA1_values_for_the_configured_realm()
    {
        await using var silo = await ExtensionSilo.StartAsync(database.ConnectionString);
        await silo.Repository.AddAsync("204", password: "pw-204");

        var credentials = await silo.Grains.GetGrain<IExtensionGrain>("204").GetCredentialsAsync("127.0.0.10");

        credentials.ShouldNotBeNull();
        credentials.Realm.ShouldBe("pbx.test");
        credentials.Ha1Md5.ShouldBe(SipCredentialHash.Md5("204", "pbx.test", "pw-204"));
        credentials.Ha1Sha256.ShouldBe(SipCredentialHash.Sha256("204", "pbx.test", "pw-204"));
        credentials.Enabled.ShouldBeTrue();
        credentials.LockedOut.ShouldBeFalse();
    }

    [Fact]
    public async Task Repeated_failures_lock_the_extension_out_except_for_its_registered_phone()
    {
        await using var silo = await ExtensionSilo.StartAsync(database.ConnectionString);
        await silo.Repository.AddAsync("205", password: "pw-205");
        var grain = silo.Grains.GetGrain<IExtensionGrain>("205");
        await grain.RegisterAsync(Request("sip:205@127.0.0.10:5060", 600));

        for (var i = 0; i < 3; i++)
            await grain.RecordAuthFailureAsync("127.0.0.66");

        (await grain.GetCredentialsAsync("127.0.0.66"))!.LockedOut.ShouldBeTrue();
        (await grain.GetCredentialsAsync("127.0.0.10"))!.LockedOut.ShouldBeFalse();
        var status = await grain.GetStatusAsync();
        status.Lockout.LockedUntil.ShouldNotBeNull();
        status.Lockout.TotalFailures.ShouldBe(3);
        status.Bindings.ShouldHaveSingleItem();
        status.Enabled.ShouldBeTrue();
    }

    [Fact]
    public async Task Unknown_extension_has_no_credentials_and_cannot_register()
    {
        await using var silo = await ExtensionSilo.StartAsync(database.ConnectionString);
        var grain = silo.Grains.GetGrain<IExtensionGrain>("299");

        (await grain.GetCredentialsAsync("127.0.0.10")).ShouldBeNull();
        (await grain.RegisterAsync(Request("sip:299@127.0.0.10", 600))).Result.ShouldBe(RegisterResult.NotFound);
        (await grain.GetStatusAsync()).Exists.ShouldBeFalse();
    }

    [Fact]
    public async Task Disabling_an_extension_unregisters_its_phones_and_refuses_new_registrations()
    {
        await using var silo = await ExtensionSilo.StartAsync(database.ConnectionString);
        await silo.Repository.AddAsync("206", password: "pw-206");
        var grain = silo.Grains.GetGrain<IExtensionGrain>("206");
        await grain.RegisterAsync(Request("sip:206@127.0.0.10:5060", 600));
        using var events = silo.LiveEvents.Subscribe([ExtensionGrain.LiveTopic]);

        (await silo.Repository.SetEnabledAsync("206", false)).ShouldBeTrue();
        await grain.ReloadAsync();

        (await NextAsync(events)).Kind.ShouldBe("unregistered");
        (await grain.RegisterAsync(Request("sip:206@127.0.0.10:5060", 600, cseq: 2))).Result.ShouldBe(RegisterResult.Disabled);
        (await grain.GetCredentialsAsync("127.0.0.10"))!.Enabled.ShouldBeFalse();
    }

    [Fact]
    public async Task Adding_an_existing_number_changes_nothing_and_a_generated_password_works()
    {
        await using var silo = await ExtensionSilo.StartAsync(database.ConnectionString);
        var password = await silo.Repository.AddAsync("207", "Bob");
        password.ShouldNotBeNull();
        password.Length.ShouldBe(20);

        (await silo.Repository.AddAsync("207", "Mallory", "other")).ShouldBeNull();
        var rows = await silo.Repository.FindManyAsync(["207", "no-such-208"]);
        rows[1].ShouldBeNull();
        var row = rows[0].ShouldNotBeNull();
        row.DisplayName.ShouldBe("Bob");
        row.Ha1Sha256.ShouldBe(SipCredentialHash.Sha256("207", "pbx.test", password));
    }

    [Fact]
    public async Task An_extension_whose_silo_is_killed_activates_on_the_survivor_with_its_bindings()
    {
        await using var silo = await ExtensionSilo.StartAsync(database.ConnectionString, silos: 2);
        await silo.Repository.AddAsync("211", password: "pw-211");
        var grain = silo.Grains.GetGrain<IExtensionGrain>("211");
        await grain.RegisterAsync(Request("sip:211@127.0.0.10:5060", 600));
        await StoredStateAsync("211", untilContains: "sip:211@127.0.0.10:5060");
        var cluster = silo.Cluster.Cluster;
        var host = HostOf(cluster, grain).ShouldNotBeNull("the registration activated the grain");

        await cluster.KillSiloAsync(cluster.Silos.Single(s => s.SiloAddress.Equals(host)));

        // Calls fail until the survivor declares the killed silo dead (Cluster:FailureDetection), then activate it there.
        var bindings = await RetryUntilAnsweredAsync(() => grain.GetBindingsAsync(), TimeSpan.FromSeconds(60));
        bindings.ShouldHaveSingleItem().ContactUri.ShouldBe("sip:211@127.0.0.10:5060");
        HostOf(cluster, grain).ShouldNotBe(host);
    }

    private static SiloAddress? HostOf(Orleans.TestingHost.InProcessTestCluster cluster, IGrain grain) =>
        cluster.TryGetGrainContext(grain.GetGrainId(), out var context) ? context.Address.SiloAddress : null;

    private static async Task<T> RetryUntilAnsweredAsync<T>(Func<Task<T>> call, TimeSpan patience)
    {
        var deadline = DateTimeOffset.UtcNow + patience;
        while (true)
        {
            try
            {
                return await call();
            }
            catch (Exception e) when (e is OrleansException or TimeoutException && DateTimeOffset.UtcNow < deadline)
            {
                // Each failed call took its own response timeout or a refused connection: no extra wait is needed.
            }
        }
    }

    private async Task<(string Payload, long Version)> StoredStateAsync(string number, string untilContains)
    {
        await using var connection = new Npgsql.NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        var deadline = DateTimeOffset.UtcNow + Patience;
        var last = "(no row)";
        while (true)
        {
            await using var command = new Npgsql.NpgsqlCommand(
                "select payload::text, version from grain_state where grain_type = 'extension' and grain_key = $1", connection);
            command.Parameters.Add(new Npgsql.NpgsqlParameter { Value = number });
            await using (var reader = await command.ExecuteReaderAsync())
            {
                if (await reader.ReadAsync())
                {
                    last = reader.GetString(0);
                    if (last.Contains(untilContains, StringComparison.Ordinal))
                        return (last, reader.GetInt64(1));
                }
            }
            if (DateTimeOffset.UtcNow > deadline)
                throw new TimeoutException($"extension {number} state never contained {untilContains} within {Patience}; last: {last}");
            // Waiting on the write-behind timer, which has no signal outside the grain: look again shortly.
            await Task.Delay(100);
        }
    }

    private static RegisterRequest Request(string contact, int expires, uint cseq = 1)
        => new([new RegisterContact(contact)], false, expires, "call-" + contact, cseq, "127.0.0.10", 5060, "udp", "edge-1", "TestPhone", []);

    private static async Task<LiveEvent> NextAsync(LiveSubscription subscription)
    {
        using var timeout = new CancellationTokenSource(Patience);
        return await subscription.Reader.ReadAsync(timeout.Token);
    }
}
