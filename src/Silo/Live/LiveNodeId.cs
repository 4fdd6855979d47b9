namespace Pbx.Silo.Live;

/// <summary>This process's id among the cluster's API hosts: new at every start, so a restarted host is a new node.</summary>
public sealed record LiveNodeId(string Value)
{
    /// <summary>A fresh id.</summary>
    public static LiveNodeId New() => new($"{Environment.MachineName}-{Guid.NewGuid():N}");
}
