namespace Pbx.ApiHost.Apis.Calls;

/// <summary>A call in progress, as <c>GET /api/v1/calls/active</c> lists it.</summary>
/// <param name="CallId">The call's id (its caller leg's Call-ID), the key of the actions.</param>
/// <param name="State">The call's latest live event: <c>ringing</c>, <c>answered</c>, <c>held</c>...</param>
/// <param name="Caller">Caller number.</param>
/// <param name="Callee">Dialled number.</param>
/// <param name="StartedAt">When the call started.</param>
/// <param name="AnsweredAt">When it was answered, if it was.</param>
/// <param name="Actions">The actions the signed-in user may take on the call in its current state (<see cref="CallActions"/>).</param>
/// <param name="Held">Both phones are on hold (put there by the PBX or by a phone).</param>
/// <param name="Recording">The call is being recorded.</param>
public sealed record ActiveCall(
    string CallId, string State, string? Caller, string? Callee, DateTimeOffset? StartedAt, DateTimeOffset? AnsweredAt, IReadOnlyList<string> Actions,
    bool Held = false, bool Recording = false);
