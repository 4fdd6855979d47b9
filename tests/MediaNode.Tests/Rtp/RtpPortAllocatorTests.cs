using System.Net;
using System.Net.Sockets;
using Pbx.MediaNode.Rtp;

namespace Pbx.MediaNode.Tests.Rtp;

public sealed class RtpPortAllocatorTests
{
    [Fact]
    public void A_pair_another_process_holds_is_passed_over_for_later_rounds_and_taken_when_nothing_else_is_free()
    {
        // Three pairs below the engine tests' 20000-31999 and the PBX's 10000-20000 defaults, apart per test process.
        var first = 9000 + Environment.ProcessId % 150 * 6;
        var allocator = new RtpPortAllocator(IPAddress.Loopback, first, first + 5);
        var pairs = new List<RtpPortPair>();
        try
        {
            using (var foreign = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp))
            {
                foreign.Bind(new IPEndPoint(IPAddress.Loopback, first + 2));
                pairs.Add(allocator.TryAllocate()!);
                pairs.Add(allocator.TryAllocate()!);
                pairs.Select(p => p.RtpPort).ShouldBe([first, first + 4], "the held pair is skipped, not a failed call");
            }
            foreach (var pair in pairs)
                allocator.Release(pair);
            pairs.Clear();

            // Freed since, but not probed again on the next round while others are free...
            pairs.Add(allocator.TryAllocate()!);
            pairs.Add(allocator.TryAllocate()!);
            // ...and taken rather than refusing a call when it is the only one left.
            pairs.Add(allocator.TryAllocate()!);

            pairs.Select(p => p.RtpPort).ShouldBe([first, first + 4, first + 2]);
            allocator.TryAllocate().ShouldBeNull();
        }
        finally
        {
            foreach (var pair in pairs)
                allocator.Release(pair);
        }
    }
}
