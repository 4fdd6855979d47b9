namespace Pbx.ApiHost.Apis.SystemStatus;

/// <summary>A live media node and the load it last reported to the media directory.</summary>
/// <param name="ActiveEndpoints">RTP endpoints open (two per bridged call).</param>
/// <param name="FreePortPairs">RTP/RTCP port pairs it can still allocate.</param>
public sealed record MediaNodeInfo(string NodeId, int ActiveEndpoints, int FreePortPairs, DateTimeOffset ReportedAt);
