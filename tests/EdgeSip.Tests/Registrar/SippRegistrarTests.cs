using System.Net;
using Pbx.Grains.Extensions;
using Pbx.TestSupport;
using Shouldly;
using Xunit;

namespace Pbx.EdgeSip.Tests.Registrar;

/// <summary>sipp, a standard SIP load tool, registering against the edge, the grain and PostgreSQL over loopback.</summary>
public sealed class SippRegistrarTests
{
    private const int Extensions = 300;
    private static readonly IPAddress Farm = IPAddress.Parse("127.0.0.20");
    private static readonly IPAddress OtherPhone = IPAddress.Parse("127.0.0.21");
    private static readonly IPAddress Attacker = IPAddress.Parse("127.0.0.66");

    [Fact]
    public async Task Hundreds_of_extensions_register_over_udp_and_tcp()
    {
        await using var host = await RegistrarHost.StartAsync(PostgresServer.Shared.CreateDatabase("sipp"));
        var credentials = new List<(string, string)>(Extensions);
        for (var i = 0; i < Extensions; i++)
        {
            var number = (1000 + i).ToString(System.Globalization.CultureInfo.InvariantCulture);
            await host.Extensions.UpsertAsync(number, $"Phone {number}", $"pw-{number}", maxContacts: 2);
            credentials.Add((number, $"pw-{number}"));
        }

        var udp = await Sipp.RunAsync("register-extensions.xml", host.Udp, "udp", Farm, credentials);
        udp.ExitCode.ShouldBe(0, udp.Output);
        var tcp = await Sipp.RunAsync("register-extensions.xml", host.Tcp, "tcp", Farm, credentials);
        tcp.ExitCode.ShouldBe(0, tcp.Output);

        foreach (var number in new[] { "1000", "1150", "1299" })
        {
            var bindings = await host.Grains.GetGrain<IExtensionGrain>(number).GetBindingsAsync();
            bindings.Select(b => b.Transport).Order().ToList().ShouldBe(["tcp", "udp"], $"extension {number}");
            bindings.ShouldAllBe(b => b.SourceAddress == "127.0.0.20");
        }
    }

    [Fact]
    public async Task Wrong_password_is_refused_then_the_source_is_locked_out_until_the_lockout_ends()
    {
        await using var host = await RegistrarHost.StartAsync(PostgresServer.Shared.CreateDatabase("sipp"));
        await host.Extensions.UpsertAsync("2000", "Target", "right-2000", maxContacts: 5);
        await host.Extensions.UpsertAsync("2001", "Neighbour", "right-2001", maxContacts: 5);
        var guesses = Enumerable.Repeat(("2000", "guess"), RegistrarHost.MaxFailures).ToList();

        var attack = await Sipp.RunAsync("register-wrong-password.xml", host.Udp, "udp", Attacker, guesses);
        attack.ExitCode.ShouldBe(0, attack.Output);
        (await host.Grains.GetGrain<IExtensionGrain>("2000").GetStatusAsync()).Lockout.TotalFailures.ShouldBe(RegistrarHost.MaxFailures);

        var locked = await Sipp.RunAsync("register-refused.xml", host.Udp, "udp", Attacker, [("2000", "right-2000")]);
        locked.ExitCode.ShouldBe(0, "a locked-out source gets 403 at once: " + locked.Output);
        var neighbour = await Sipp.RunAsync("register-extensions.xml", host.Udp, "udp", OtherPhone, [("2001", "right-2001")]);
        neighbour.ExitCode.ShouldBe(0, "another address and extension are unaffected: " + neighbour.Output);

        host.Time.Advance(RegistrarHost.LockoutDuration);
        var released = await Sipp.RunAsync("register-extensions.xml", host.Udp, "udp", Attacker, [("2000", "right-2000")]);
        released.ExitCode.ShouldBe(0, "the lockout ends after its duration: " + released.Output);
    }
}
