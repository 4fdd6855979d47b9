namespace Pbx.Grains.Cdrs;

/// <summary>The values of <c>cdrs.disposition</c> (0002_core.sql).</summary>
public static class CdrDisposition
{
    /// <summary>The callee answered.</summary>
    public const string Answered = "answered";

    /// <summary>The callee was busy (486/600).</summary>
    public const string Busy = "busy";

    /// <summary>Nobody answered in time, or no phone was reachable.</summary>
    public const string NoAnswer = "no-answer";

    /// <summary>The call could not be set up (unknown number, media failure).</summary>
    public const string Failed = "failed";

    /// <summary>The caller hung up before the answer.</summary>
    public const string Cancelled = "cancelled";

    /// <summary>The silo running the call died with it; closed by a surviving silo's recovery pass (<see cref="CdrRecovery"/>).</summary>
    public const string Interrupted = "interrupted";
}
