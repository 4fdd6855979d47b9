namespace Pbx.Grains.Cdrs;

/// <summary>One pending change to the <c>cdrs</c> table, in the order the call produced it.</summary>
public abstract record CdrWrite(string CallId);

/// <summary>The row written when a call attempt starts.</summary>
public sealed record CdrOpened(string CallId, string Caller, string? CallerName, string Callee, string Direction, DateTimeOffset StartedAt)
    : CdrWrite(CallId);

/// <summary>The update that completes the row when the call ends; <paramref name="HistoryJson"/> is the forwards applied, a JSON array.</summary>
public sealed record CdrClosed(string CallId, DateTimeOffset? AnsweredAt, DateTimeOffset EndedAt, string Disposition, string HangupCause, string HangupSide, string HistoryJson = "[]")
    : CdrWrite(CallId);
