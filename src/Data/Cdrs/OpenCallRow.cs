namespace Pbx.Data.Cdrs;

/// <summary>An open row the recovery pass looks at: a CDR (<paramref name="FilePath"/> null) or a recording.</summary>
/// <param name="CallId">The call, which is also its call grain's key.</param>
/// <param name="Silo">The silo that opened the CDR row; null for recordings and for rows from before migration 0074.</param>
/// <param name="FilePath">The recording's file; null for a CDR row.</param>
public sealed record OpenCallRow(string CallId, string? Silo, string? FilePath);
