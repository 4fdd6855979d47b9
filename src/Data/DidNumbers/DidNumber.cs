namespace Pbx.Data.DidNumbers;

/// <summary>A carrier number that rings into the PBX, and where its calls go.</summary>
public sealed record DidNumber
{
    public long Id { get; init; }

    public required string Number { get; init; }

    public string Description { get; init; } = "";

    /// <summary>extension, ivr, queue, voicemail or conference; null when calls to the number are not routed yet.</summary>
    public string? DestinationKind { get; init; }

    public string? DestinationTarget { get; init; }

    public DateTime CreatedAt { get; init; }
}
