using System.Text.Json.Serialization;
using Pbx.Data.Recordings;

namespace Pbx.Data.Cdrs;

/// <summary>
/// One change to the <c>cdrs</c> (or <c>recordings</c>) table, in the order the call produced it. The type names below
/// are the discriminators of the local journal's records (the grains' <c>CdrJournalRecord</c>): never rename one.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(CdrOpened), "cdr-opened")]
[JsonDerivedType(typeof(CdrClosed), "cdr-closed")]
[JsonDerivedType(typeof(CdrTrunkSet), "cdr-trunk")]
[JsonDerivedType(typeof(RecordingOpened), "recording-opened")]
[JsonDerivedType(typeof(RecordingClosed), "recording-closed")]
public abstract record CdrWrite(string CallId);

/// <summary>The row written when a call attempt starts.</summary>
public sealed record CdrOpened(string CallId, string Caller, string? CallerName, string Callee, string Direction, DateTimeOffset StartedAt)
    : CdrWrite(CallId)
{
    /// <summary>
    /// The silo whose call grain opened the row (<c>SiloAddress.ToParsableString()</c>), set by the grains' <c>CdrQueue</c> when
    /// the call hands the write over. The recovery pass closes open rows whose silo is no longer in the cluster.
    /// </summary>
    public string? Silo { get; init; }
}

/// <summary>The update that completes the row when the call ends; <paramref name="HistoryJson"/> is the forwards applied, a JSON array.</summary>
public sealed record CdrClosed(string CallId, DateTimeOffset? AnsweredAt, DateTimeOffset EndedAt, string Disposition, string HangupCause, string HangupSide, string HistoryJson = "[]")
    : CdrWrite(CallId);
