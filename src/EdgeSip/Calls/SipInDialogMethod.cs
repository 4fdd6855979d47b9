using Pbx.EdgeSip.Hosting;

namespace Pbx.EdgeSip.Calls;

/// <summary>Registers <see cref="SipInDialogHandler"/> with the edge for one method that only exists inside a dialog (BYE, UPDATE).</summary>
public sealed class SipInDialogMethod(string method, SipInDialogHandler handler) : ISipRequestHandler
{
    /// <inheritdoc />
    public string Method => method;

    /// <inheritdoc />
    public Task HandleAsync(SipServerContext context, CancellationToken cancellationToken) => handler.HandleAsync(context, cancellationToken);
}
