using Pbx.Grains.Cdrs;

namespace Pbx.Grains.Recordings;

/// <summary>
/// A change to the <c>recordings</c> table. It rides the CDR queue so that it is applied in order with the call's CDR
/// writes (the row exists before the CDR points at it) and retried through database hiccups like them.
/// </summary>
/// <param name="CallId">The call recorded.</param>
/// <param name="FilePath">Full path of the WAV file: unique, so a retried write finds its row.</param>
public abstract record RecordingWrite(string CallId, string FilePath) : CdrWrite(CallId);
