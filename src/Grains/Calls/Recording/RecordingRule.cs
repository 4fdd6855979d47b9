namespace Pbx.Grains.Calls.Recording;

/// <summary>Whether a call is recorded from its answer.</summary>
public static class RecordingRule
{
    /// <summary>
    /// Recorded when the PBX records every call (<c>Calls:RecordAll</c>), or when either party has <c>recordCalls</c> in its
    /// settings: the answering extension (<paramref name="calleeRecords"/>) or the calling one. The caller's settings are
    /// asked for last and only then (<paramref name="callerRecords"/>), as most calls are settled before: every answer
    /// passes here.
    /// </summary>
    public static async Task<bool> FromAnswerAsync(bool recordAll, bool calleeRecords, Func<Task<bool>> callerRecords) =>
        recordAll || calleeRecords || await callerRecords();
}
