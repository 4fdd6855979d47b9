using System.Net;
using System.Net.Sockets;

namespace Pbx.MediaNode.Tests.Engine;

/// <summary>
/// Tearing a leg down is part of every call: it must free its ports at once and, at thousands of calls a second, cost no
/// exception. Counted process-wide, hence alone in its collection.
/// </summary>
[Collection(nameof(ExceptionCountingCollection))]
public sealed class ReleaseTests : IAsyncLifetime
{
    private readonly MediaEngineHarness _node = new();
    private readonly RtpPhone _alice = new(0xA11CE);
    private int _socketExceptions;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await _node.DisposeAsync();
        _alice.Dispose();
    }

    [Fact]
    public async Task Released_legs_free_their_ports_at_once_without_a_socket_exception()
    {
        AppDomain.CurrentDomain.FirstChanceException += CountSocketException;
        var ports = new List<int>();
        try
        {
            for (var i = 0; i < 10; i++)
            {
                var leg = await _node.AnswerAsync(_alice);
                // A leg that has received, and one that has not: both have a receive pending on each socket at release.
                if (i % 2 == 0)
                {
                    _alice.Send(leg.Port, 0, new byte[160]);
                    await Poll.UntilAsync(() => _node.Engine.GetLatchedSource(leg.Id) is not null);
                }
                await _node.Engine.ReleaseAsync(leg.Id);
                ports.Add(leg.Port);
            }
        }
        finally
        {
            AppDomain.CurrentDomain.FirstChanceException -= CountSocketException;
        }

        _socketExceptions.ShouldBe(0);
        foreach (var port in ports)
        {
            using var rtp = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
            using var rtcp = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
            rtp.Bind(new IPEndPoint(IPAddress.Loopback, port));
            rtcp.Bind(new IPEndPoint(IPAddress.Loopback, port + 1));
        }
    }

    private void CountSocketException(object? sender, System.Runtime.ExceptionServices.FirstChanceExceptionEventArgs e)
    {
        if (e.Exception is SocketException or ObjectDisposedException { ObjectName: "System.Net.Sockets.Socket" })
            Interlocked.Increment(ref _socketExceptions);
    }
}
