namespace Pbx.Grains.Cdrs;

/// <summary>What one recovery pass did.</summary>
/// <param name="CdrsClosed">CDR rows closed as interrupted.</param>
/// <param name="RecordingsCompleted">Recording rows completed.</param>
/// <param name="Skipped">True when the pass waited for the local journal's replay instead.</param>
public sealed record CdrRecoveryPass(int CdrsClosed, int RecordingsCompleted, bool Skipped);
