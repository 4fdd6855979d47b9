using Pbx.Data.Cdrs;
namespace Pbx.Grains.Cdrs;

/// <summary>The oldest records of the <see cref="CdrJournal"/> not yet replayed, as <see cref="CdrJournal.ReadPending"/> read them.</summary>
/// <param name="Writes">The writes, in journal order.</param>
/// <param name="Unreadable">Payloads (JSON) of records this version cannot read, to be logged, not applied.</param>
/// <param name="Records">How many records the batch covers, readable or not.</param>
/// <param name="Next">File offset just after the batch's last record.</param>
public sealed record JournalBatch(IReadOnlyList<CdrWrite> Writes, IReadOnlyList<string> Unreadable, int Records, long Next);
