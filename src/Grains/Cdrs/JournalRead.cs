namespace Pbx.Grains.Cdrs;

/// <summary>What <see cref="CdrJournalRecord.TryRead"/> found.</summary>
public enum JournalRead
{
    /// <summary>A whole record with a matching checksum.</summary>
    Record,

    /// <summary>The buffer ends inside the record.</summary>
    Incomplete,

    /// <summary>The length is impossible or the checksum does not match.</summary>
    Damaged,
}
