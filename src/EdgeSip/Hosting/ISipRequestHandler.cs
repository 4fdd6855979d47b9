namespace Pbx.EdgeSip.Hosting;

/// <summary>Serves one SIP method at the edge (REGISTER for the registrar, INVITE for call control...). Register in DI as a singleton.</summary>
public interface ISipRequestHandler
{
    /// <summary>The method served, case-sensitive ("REGISTER").</summary>
    string Method { get; }

    /// <summary>Handles one new server transaction; must send a final response through <see cref="SipServerContext.RespondAsync"/>.
    /// If it returns or throws without one, the edge answers 500. For a non-INVITE request the message's buffer goes back to
    /// the pool when this returns: copy anything needed later (header strings already read are safe).</summary>
    Task HandleAsync(SipServerContext context, CancellationToken cancellationToken);
}
