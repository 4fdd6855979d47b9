namespace Pbx.ApiHost.Hubs;

/// <summary>What the wallboard and the extensions page show of every extension right now.</summary>
/// <param name="Registered">Numbers with at least one live registration binding.</param>
/// <param name="States">Latest call state per number (idle, ringing, in-call, dnd); numbers without calls yet are absent.</param>
public sealed record LiveExtensions(IReadOnlyList<string> Registered, IReadOnlyDictionary<string, string> States);
