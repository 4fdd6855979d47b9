using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using Pbx.Grains.Media;
using Pbx.TestSupport;
using Shouldly;
using Xunit;

namespace Pbx.Grains.Tests.Media;

/// <summary>The silo's media router with two media engines reached through observer references, as nodes in other processes are.</summary>
public sealed class MediaRoutingTests(PostgresDatabase database) : IClassFixture<PostgresDatabase>
{
    private static readonly TimeSpan LongValidity = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan ShortValidity = TimeSpan.FromSeconds(1);

    [Fact]
    public async Task Allocations_go_to_the_less_loaded_node_and_requests_follow_the_endpoint_id()
    {
        await using var silo = await MediaRoutingSilo.StartAsync(database.ConnectionString);
        var (a, aRef) = silo.StartEngine("node-a", 42100);
        var (b, bRef) = silo.StartEngine("node-b", 42200);
        await silo.ReportAsync(a, aRef, LongValidity, activeEndpoints: 5);
        await silo.ReportAsync(b, bRef, LongValidity);
        await silo.Router.RefreshNodesAsync();
        var events = silo.Grains.CreateObjectReference<IMediaEvents>(new QueuedMediaEvents());

        // node-b reported no load against node-a's 5: it takes endpoints until the two are even (5 each), then the one with
        // more free pairs (node-a) gets the next. Both endpoints of call c1 stay on one node, which bridges them.
        var c1Caller = await AllocateAsync(silo, "c1", events);
        var c1Callee = await AllocateAsync(silo, "c1", events);
        string[] others = [(await AllocateAsync(silo, "c2", events)).EndpointId, (await AllocateAsync(silo, "c3", events)).EndpointId,
            (await AllocateAsync(silo, "c4", events)).EndpointId];
        var c5 = await AllocateAsync(silo, "c5", events);

        c1Caller.EndpointId.ShouldStartWith("node-b/");
        c1Callee.EndpointId.ShouldStartWith("node-b/");
        others.ShouldAllBe(id => id.StartsWith("node-b/"));
        b.EndpointCount.ShouldBe(5);
        c5.EndpointId.ShouldStartWith("node-a/");
        a.EndpointCount.ShouldBe(1);

        // Requests reach the engine named by the id: RTP sent to the caller's endpoint comes out of the callee's.
        using var callerPhone = LoopbackSocket();
        using var calleePhone = LoopbackSocket();
        var answer = await silo.Router.AnswerAsync(c1Caller.EndpointId, Sdp(callerPhone));
        answer.ShouldContain($"m=audio {c1Caller.RtpPort} RTP/AVP 0");
        (await silo.Router.OfferAsync(c1Callee.EndpointId, MediaDirection.SendReceive)).ShouldContain($"m=audio {c1Callee.RtpPort} ");
        await silo.Router.AcceptAnswerAsync(c1Callee.EndpointId, Sdp(calleePhone));
        await silo.Router.BridgeAsync(c1Caller.EndpointId, c1Callee.EndpointId);

        await callerPhone.SendToAsync(RtpPacket(seq: 1), new IPEndPoint(IPAddress.Loopback, c1Caller.RtpPort));
        var relayed = await ReceiveAsync(calleePhone);
        relayed.ShouldBe(RtpPacket(seq: 1).Length);
        b.GetLatchedSource(c1Caller.EndpointId).ShouldBe(callerPhone.LocalEndPoint);

        await silo.Router.ReleaseAsync(c5.EndpointId);
        a.EndpointCount.ShouldBe(0);

        // Releases count too: node-b is back to 2 endpoints against node-a's reported 5.
        foreach (var endpointId in others)
            await silo.Router.ReleaseAsync(endpointId);
        b.EndpointCount.ShouldBe(2);
        (await AllocateAsync(silo, "c6", events)).EndpointId.ShouldStartWith("node-b/");
    }

    [Fact]
    public async Task A_refused_offer_reaches_the_caller_as_MediaNegotiationException_with_its_message()
    {
        await using var silo = await MediaRoutingSilo.StartAsync(database.ConnectionString);
        var (b, bRef) = silo.StartEngine("node-b", 42300);
        await silo.ReportAsync(b, bRef, LongValidity);
        var events = silo.Grains.CreateObjectReference<IMediaEvents>(new QueuedMediaEvents());
        var endpoint = await AllocateAsync(silo, "c1", events);
        const string VideoOnly = "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\nm=video 5000 RTP/AVP 96\r\n";
        var direct = await Should.ThrowAsync<MediaNegotiationException>(() => b.AnswerAsync(endpoint.EndpointId, VideoOnly));

        var routed = await Should.ThrowAsync<MediaNegotiationException>(() => silo.Router.AnswerAsync(endpoint.EndpointId, VideoOnly));

        routed.Message.ShouldBe(direct.Message);
    }

    [Fact]
    public async Task A_node_that_stops_reporting_drops_out_and_new_endpoints_go_to_the_other()
    {
        await using var silo = await MediaRoutingSilo.StartAsync(database.ConnectionString);
        var (a, aRef) = silo.StartEngine("node-a", 42400);
        var (b, bRef) = silo.StartEngine("node-b", 42500);
        await silo.ReportAsync(a, aRef, LongValidity, activeEndpoints: 10);
        var reported = DateTimeOffset.UtcNow;
        await silo.ReportAsync(b, bRef, ShortValidity);
        await silo.Router.RefreshNodesAsync();
        var events = silo.Grains.CreateObjectReference<IMediaEvents>(new QueuedMediaEvents());
        (await AllocateAsync(silo, "before", events)).EndpointId.ShouldStartWith("node-b/");

        // node-b misses its reports: once its entry's validity has passed, the directory has dropped it by itself. (Real
        // time: a hand-moved clock would move the silo's own membership clock too, and Orleans ends a silo that finds
        // itself dead in a table it reads with that clock.)
        await Task.Delay(reported + ShortValidity - DateTimeOffset.UtcNow + TimeSpan.FromMilliseconds(100));
        await silo.Router.RefreshNodesAsync();

        (await silo.Directory.GetLiveNodesAsync()).ShouldHaveSingleItem().NodeId.ShouldBe("node-a");
        (await AllocateAsync(silo, "after", events)).EndpointId.ShouldStartWith("node-a/");
    }

    [Fact]
    public async Task With_no_live_node_allocation_fails_as_a_value_and_a_cleanly_stopped_node_is_gone_at_once()
    {
        await using var silo = await MediaRoutingSilo.StartAsync(database.ConnectionString);
        var events = silo.Grains.CreateObjectReference<IMediaEvents>(new QueuedMediaEvents());

        var none = await silo.Router.AllocateAsync("c1", events);
        none.Succeeded.ShouldBeFalse();
        none.Error.ShouldBe(MediaAllocationError.NoMediaNode);

        var (a, aRef) = silo.StartEngine("node-a", 42600);
        await silo.ReportAsync(a, aRef, LongValidity);
        (await AllocateAsync(silo, "c2", events)).EndpointId.ShouldStartWith("node-a/");
        await silo.Directory.UnregisterAsync("node-a");
        await silo.Router.RefreshNodesAsync();

        (await silo.Router.AllocateAsync("c3", events)).Error.ShouldBe(MediaAllocationError.NoMediaNode);
    }

    private static async Task<MediaAllocationResult> AllocateAsync(MediaRoutingSilo silo, string callId, IMediaEvents events)
    {
        var result = await silo.Router.AllocateAsync(callId, events);
        result.Succeeded.ShouldBeTrue(result.Reason);
        return result;
    }

    private static Socket LoopbackSocket()
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return socket;
    }

    private static string Sdp(Socket phone) =>
        $"v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\nm=audio {((IPEndPoint)phone.LocalEndPoint!).Port} RTP/AVP 0\r\na=rtpmap:0 PCMU/8000\r\na=sendrecv\r\n";

    private static byte[] RtpPacket(ushort seq)
    {
        // RFC 3550 section 5.1: V=2, PT 0 (PCMU), one 20 ms frame of 160 samples.
        var packet = new byte[12 + 160];
        packet[0] = 0x80;
        BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(2), seq);
        BinaryPrimitives.WriteUInt32BigEndian(packet.AsSpan(4), seq * 160u);
        BinaryPrimitives.WriteUInt32BigEndian(packet.AsSpan(8), 0x1234_5678);
        packet.AsSpan(12).Fill(0xFF);
        return packet;
    }

    private static async Task<int> ReceiveAsync(Socket socket)
    {
        var buffer = new byte[2048];
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        return await socket.ReceiveAsync(buffer, SocketFlags.None, timeout.Token);
    }
}
