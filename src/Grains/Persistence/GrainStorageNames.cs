namespace Pbx.Grains.Persistence;

/// <summary>Names of the grain storage providers the silo registers, for <c>[PersistentState(name, storage)]</c>.</summary>
public static class GrainStorageNames
{
    /// <summary>
    /// State a grain can do without while PostgreSQL is away (a call's dialogs): an unreadable state is a new one and an
    /// unwritable one stays in memory, so calls go on through a database outage. Everything else uses the default
    /// storage, which fails rather than lose data.
    /// </summary>
    public const string OutageTolerant = "outage-tolerant";
}
