using Pbx.Data.Cdrs;

namespace Pbx.Data.Recordings;

/// <summary>
/// A change to the <c>recordings</c> table. It takes the CDR writes' path (the grains' <c>CdrQueue</c>) so that it is applied
/// in order with the call's CDR writes (the row exists before the CDR points at it) and is as durable as they are.
/// </summary>
/// <param name="CallId">The call recorded.</param>
/// <param name="FilePath">Full path of the WAV file: unique, so a retried write finds its row.</param>
public abstract record RecordingWrite(string CallId, string FilePath) : CdrWrite(CallId);
