using System.Threading.Channels;
using Pbx.Grains.Media;

namespace Pbx.MediaNode.Tests.Engine;

/// <summary>An <see cref="IMediaEvents"/> that queues what it hears so a test can await it.</summary>
internal sealed class RecordingObserver : IMediaEvents
{
    private readonly Channel<object> _events = Channel.CreateUnbounded<object>();

    public Task OnDtmfAsync(DtmfReceived dtmf) => Write(dtmf);

    public Task OnMediaTimeoutAsync(MediaTimedOut timeout) => Write(timeout);

    public Task OnPlaybackCompletedAsync(PlaybackCompleted completed) => Write(completed);

    /// <summary>The next event of type <typeparamref name="T"/>, skipping others, or a timeout.</summary>
    public async Task<T> NextAsync<T>(TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(3));
        try
        {
            while (true)
            {
                if (await _events.Reader.ReadAsync(cts.Token) is T wanted)
                    return wanted;
            }
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"no {typeof(T).Name} event within {timeout ?? TimeSpan.FromSeconds(3)}");
        }
    }

    /// <summary>Events of type <typeparamref name="T"/> already queued.</summary>
    public List<T> Drain<T>()
    {
        var found = new List<T>();
        while (_events.Reader.TryRead(out var item))
        {
            if (item is T wanted)
                found.Add(wanted);
        }
        return found;
    }

    private Task Write(object item)
    {
        _events.Writer.TryWrite(item);
        return Task.CompletedTask;
    }
}
