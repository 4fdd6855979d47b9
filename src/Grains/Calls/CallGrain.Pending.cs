namespace Pbx.Grains.Calls;

// Contract placeholders for the actions being built in parallel; each moves to its own partial file when implemented
// and this file goes away.
public sealed partial class CallGrain
{
    /// <inheritdoc />
    public Task<CallActionResult> StartRecordingAsync() => throw new NotSupportedException();

    /// <inheritdoc />
    public Task<CallActionResult> StopRecordingAsync() => throw new NotSupportedException();
}
