namespace Pbx.Silo.Hosting;

/// <summary>
/// How this process finds and joins the Orleans cluster, bound from section <c>Cluster</c>. Membership lives in the PBX's
/// PostgreSQL (Orleans' ADO.NET clustering), so every process that names the same database and cluster id is one cluster.
/// </summary>
public sealed class PbxClusterOptions
{
    /// <summary>Configuration section name.</summary>
    public const string SectionName = "Cluster";

    /// <summary>Processes with the same id on the same database form one cluster.</summary>
    public string ClusterId { get; set; } = "pbx";

    /// <summary>Stays the same across deployments of one PBX: reminders and grain state are keyed by it.</summary>
    public string ServiceId { get; set; } = "pbx";

    /// <summary>The address other silos and clients reach this silo at (written to the membership table).</summary>
    public string Address { get; set; } = "127.0.0.1";

    /// <summary>Silo-to-silo port.</summary>
    public int SiloPort { get; set; } = 11111;

    /// <summary>Port that edge, media and API processes (Orleans clients) connect to.</summary>
    public int GatewayPort { get; set; } = 30000;

    /// <summary>
    /// How long a silo that stopped answering (crashed, cut off) stays a member: then the others declare it dead, its grains
    /// activate again on the survivors and clients stop using its gateway. Its probes time out after a quarter of this,
    /// and three missed probes declare it dead.
    /// </summary>
    public TimeSpan FailureDetection { get; set; } = TimeSpan.FromSeconds(10);
}
