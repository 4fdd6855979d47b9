namespace Pbx.ApiHost.Apis.SystemStatus;

/// <summary>
/// <c>GET /api/v1/system/status</c>: the PBX's parts as this API host sees them now. A part that did not answer in time is
/// null and named in <paramref name="Unavailable"/> with the reason, so one dead part never hides the others.
/// </summary>
/// <param name="Version">The PBX's version (informational version of the build).</param>
/// <param name="Silos">Active silos of the cluster (Orleans' membership).</param>
/// <param name="SipEdges">Node ids of the SIP edges registered in the edges' directory.</param>
/// <param name="MediaNodes">Live media nodes with their load.</param>
/// <param name="RegisteredExtensions">Extensions with at least one registered phone.</param>
/// <param name="ActiveCalls">Calls in progress, as the live board of this API host counts them.</param>
public sealed record SystemStatusResponse(
    string Version, DateTimeOffset CheckedAt, IReadOnlyList<SiloInfo>? Silos, IReadOnlyList<string>? SipEdges, IReadOnlyList<MediaNodeInfo>? MediaNodes,
    int? RegisteredExtensions, int? ActiveCalls, DatabaseStatus Database, DiskStatus Recordings, IReadOnlyDictionary<string, string> Unavailable);
