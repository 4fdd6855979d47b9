namespace Pbx.ApiHost.Apis.Calls;

/// <summary>Names of the actions on calls, as the API routes and <see cref="ActiveCall.Actions"/> spell them.</summary>
public static class CallActions
{
    public const string Hangup = "hangup";
    public const string Hold = "hold";
    public const string Resume = "resume";
    public const string Transfer = "transfer";
    public const string StartRecording = "start-recording";
    public const string StopRecording = "stop-recording";
    public const string Dtmf = "dtmf";
    public const string Deflect = "deflect";
    public const string Originate = "originate";

    /// <summary>
    /// Where an action is served under <c>/api/v1/calls/{callId}/</c>: recording is a resource there (<c>record</c>,
    /// <c>record/stop</c>), every other action keeps its name.
    /// </summary>
    public static string PathOf(string action) => action switch
    {
        StartRecording => "record",
        StopRecording => "record/stop",
        _ => action,
    };
}
