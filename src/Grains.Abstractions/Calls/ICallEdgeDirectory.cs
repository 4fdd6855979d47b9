namespace Pbx.Grains.Calls;

/// <summary>
/// The SIP edges a call grain can reach when it starts a call on its own (click-to-call) or was reactivated after idle
/// collection and lost the reference it was given with the INVITE. Edges add themselves when they start.
/// </summary>
public interface ICallEdgeDirectory
{
    /// <summary>Makes <paramref name="edge"/> reachable for calls.</summary>
    void Add(ICallEdge edge);

    /// <summary>An edge to use, or null when no edge role runs.</summary>
    ICallEdge? Find();

    /// <summary>
    /// An edge to use, reading the cluster's directory now when none is known yet: a call grain reactivated on another silo
    /// after its silo died asks this before it acts on the call.
    /// </summary>
    Task<ICallEdge?> FindAsync();
}
