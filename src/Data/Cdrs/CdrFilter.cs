namespace Pbx.Data.Cdrs;

/// <summary>
/// Which CDRs the call history lists: started in [<paramref name="From"/>, <paramref name="To"/>), <paramref name="Number"/>
/// as caller or callee, of a <paramref name="Direction"/> and <paramref name="Disposition"/>, in the order of
/// <paramref name="Sort"/> (one of <see cref="CdrRepository.SortKeys"/>). Null matches everything. Only the calls within
/// <paramref name="Scope"/>, the reader's, are ever listed.
/// </summary>
public sealed record CdrFilter(DateTime? From, DateTime? To, string? Number, string? Direction, string? Disposition, string Sort, ViewScope Scope);
