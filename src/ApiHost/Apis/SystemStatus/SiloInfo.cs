namespace Pbx.ApiHost.Apis.SystemStatus;

/// <summary>A silo of the Orleans cluster, from its membership entry.</summary>
/// <param name="Address">Address, port and generation (<c>SiloAddress</c>).</param>
/// <param name="Status">Active, Joining, ShuttingDown, ... (Orleans' <c>SiloStatus</c>).</param>
/// <param name="LastAliveAt">The silo's last "I am alive" write to the membership table.</param>
public sealed record SiloInfo(string Address, string Name, string HostName, string Status, DateTimeOffset StartedAt, DateTimeOffset LastAliveAt);
