using Pbx.Grains.Media;

namespace Pbx.MediaNode.Engine;

/// <summary>Delivery of the leg's events to its observer.</summary>
internal sealed partial class MediaEndpoint
{
    private readonly Lock _notifySync = new();
    private Task _notifyTail = Task.CompletedTask;

    /// <summary>
    /// Queues an event for the observer, off the packet and clock paths and in the order raised (a key press before the
    /// barge-in it caused). A failing observer is logged, never rethrown (IGrainObserver contract).
    /// </summary>
    public void Notify(Func<IMediaEvents, Task> deliver)
    {
        lock (_notifySync)
            _notifyTail = _notifyTail.ContinueWith(_ => DeliverAsync(deliver), TaskScheduler.Default).Unwrap();
    }

    private async Task DeliverAsync(Func<IMediaEvents, Task> deliver)
    {
        try
        {
            await deliver(Events).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            LogObserverFailed(e, Id);
        }
    }
}
