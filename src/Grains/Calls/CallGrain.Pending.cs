namespace Pbx.Grains.Calls;

// Contract placeholders for the actions being built in parallel; each moves to its own partial file when implemented
// and this file goes away.
public sealed partial class CallGrain
{
    /// <inheritdoc />
    public Task<CallActionResult> TransferAsync(string target, string? transferor) => throw new NotSupportedException();

    /// <inheritdoc />
    public Task<CallActionResult> DeflectAsync(string target) => throw new NotSupportedException();

    /// <inheritdoc />
    public Task<CallActionResult> OriginateAsync(OriginateRequest request) => throw new NotSupportedException();
}
