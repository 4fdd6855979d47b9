using Orleans;
namespace Pbx.Grains.Calls;

/// <summary>A call's live state for the console and the API.</summary>
/// <param name="CallId">Call key: the caller leg's Call-ID.</param>
/// <param name="Caller">Caller number.</param>
/// <param name="CallerName">Caller display name.</param>
/// <param name="Callee">Dialled number.</param>
/// <param name="Phase">Where the call is.</param>
/// <param name="StartedAt">When the INVITE arrived.</param>
/// <param name="AnsweredAt">When the callee answered.</param>
/// <param name="EndedAt">When the call ended.</param>
[GenerateSerializer, Immutable]
public sealed record CallInfo(string CallId, string Caller, string? CallerName, string Callee, CallPhase Phase,
    DateTimeOffset StartedAt, DateTimeOffset? AnsweredAt, DateTimeOffset? EndedAt);
