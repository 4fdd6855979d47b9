namespace Pbx.Grains.Calls.Recording;

/// <summary>Whether a call is recorded from its answer.</summary>
public static class RecordingRule
{
    /// <summary>
    /// Recorded when the PBX records every call (<c>Calls:RecordAll</c>), or when either party has <c>recordCalls</c> in its
    /// settings: the answering extension (<paramref name="calleeRecords"/>) or the calling one (<paramref name="callerRecords"/>).
    /// </summary>
    public static bool FromAnswer(bool recordAll, bool calleeRecords, bool callerRecords) => recordAll || calleeRecords || callerRecords;
}
