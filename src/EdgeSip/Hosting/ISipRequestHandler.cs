namespace Pbx.EdgeSip.Hosting;

/// <summary>Serves one SIP method at the edge (REGISTER for the registrar, INVITE for call control...). Register in DI as a singleton.</summary>
public interface ISipRequestHandler
{
    /// <summary>The method served, case-sensitive ("REGISTER").</summary>
    string Method { get; }

    /// <summary>Handles one new server transaction; must send a final response through <see cref="SipServerContext.RespondAsync"/>.
    /// If it returns or throws without one, the edge answers 500.</summary>
    Task HandleAsync(SipServerContext context, CancellationToken cancellationToken);
}
