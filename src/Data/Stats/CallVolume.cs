namespace Pbx.Data.Stats;

/// <summary>Calls started in the hour or day beginning at <see cref="Start"/> (UTC).</summary>
public sealed record CallVolume
{
    public DateTime Start { get; init; }

    public int Total { get; init; }

    public int Answered { get; init; }
}
