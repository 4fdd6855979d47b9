namespace Pbx.Data.Cdrs;

/// <summary>One call detail record (a row of <c>cdrs</c>); times are UTC.</summary>
public sealed record CallRecord
{
    public long Id { get; init; }

    /// <summary>SIP Call-ID of the caller's leg.</summary>
    public required string CallId { get; init; }

    public required string Caller { get; init; }

    public string? CallerName { get; init; }

    public required string Callee { get; init; }

    /// <summary>internal, inbound or outbound.</summary>
    public required string Direction { get; init; }

    public DateTime StartedAt { get; init; }

    public DateTime? AnsweredAt { get; init; }

    public DateTime? EndedAt { get; init; }

    public int? DurationSeconds { get; init; }

    public int? BillableSeconds { get; init; }

    /// <summary>answered, busy, no-answer, failed, cancelled, interrupted; null while the call is in progress.</summary>
    public string? Disposition { get; init; }

    public string? HangupCause { get; init; }

    public string? HangupSide { get; init; }

    public string? Trunk { get; init; }

    public long? RecordingId { get; init; }
}
