using System.Threading.Channels;

namespace Pbx.Grains.Cdrs;

/// <summary>
/// Call grains hand CDR writes here and carry on; <see cref="CdrWriter"/> applies them in order and retries through
/// database hiccups, so a slow or briefly unreachable database delays a CDR but never loses it or stalls a call.
/// </summary>
public sealed class CdrQueue
{
    private readonly Channel<CdrWrite> _writes = Channel.CreateUnbounded<CdrWrite>(new UnboundedChannelOptions { SingleReader = true });

    /// <summary>Queues a write; never blocks.</summary>
    public void Enqueue(CdrWrite write) => _writes.Writer.TryWrite(write);

    internal ChannelReader<CdrWrite> Reader => _writes.Reader;
}
