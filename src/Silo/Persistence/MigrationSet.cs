namespace Pbx.Silo.Persistence;

/// <summary>The migrations the silo applies at start-up; the embedded ones unless a test registers its own set first.</summary>
/// <param name="Scripts">Scripts in any order; versions must be unique.</param>
public sealed record MigrationSet(IReadOnlyList<MigrationScript> Scripts);
