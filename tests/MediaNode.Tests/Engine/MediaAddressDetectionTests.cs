using System.Net;
using Microsoft.Extensions.Logging;
using Pbx.MediaNode.Hosting;

namespace Pbx.MediaNode.Tests.Engine;

/// <summary>An unset <c>Media:Address</c> filled from the host's interfaces, and what the operator is told about it.</summary>
public sealed class MediaAddressDetectionTests
{
    private static readonly HostInterface Loopback = new("lo", true, true, false, [IPAddress.Loopback]);

    [Fact]
    public void A_host_with_only_loopback_up_gets_127_0_0_1_and_one_warning_naming_the_key()
    {
        var log = new CollectingLogger();
        var detection = new MediaAddressDetection(() => [Loopback], log);
        var first = new MediaOptions();
        var second = new MediaOptions();

        detection.PostConfigure(null, first);
        detection.PostConfigure(null, second);

        (first.Address, second.Address).ShouldBe(("127.0.0.1", "127.0.0.1"));
        var warning = log.Entries.ShouldHaveSingleItem();
        warning.Level.ShouldBe(LogLevel.Warning);
        warning.Message.ShouldContain("Set Media:Address");
    }

    [Fact]
    public void A_LAN_host_gets_the_default_routes_address_logged_as_information_and_a_set_address_is_left_alone()
    {
        var log = new CollectingLogger();
        var detection = new MediaAddressDetection(() => [Loopback, new HostInterface("eth0", true, false, true, [IPAddress.Parse("192.168.1.20")])], log);
        var detected = new MediaOptions();
        var set = new MediaOptions { Address = "203.0.113.7" };

        detection.PostConfigure(null, detected);
        detection.PostConfigure(null, set);

        detected.Address.ShouldBe("192.168.1.20");
        set.Address.ShouldBe("203.0.113.7");
        log.Entries.ShouldHaveSingleItem().Level.ShouldBe(LogLevel.Information);
    }

    private sealed class CollectingLogger : ILogger<MediaAddressDetection>
    {
        public List<(LogLevel Level, string Message)> Entries { get; } = [];

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Entries.Add((logLevel, formatter(state, exception)));
    }
}
