namespace Pbx.Grains.Calls;

/// <summary>What a <see cref="TransferState"/> is doing.</summary>
public enum TransferKind
{
    /// <summary>Ringing a number for the party that stays (REFER, RFC 3515, or the API).</summary>
    Blind,
    /// <summary>Taking over the other party of another call (REFER with Replaces, RFC 3891).</summary>
    Attended,
    /// <summary>Click-to-call: ringing the originating extension before its call goes out.</summary>
    Originate,
    /// <summary>An IVR menu ringing the extension its caller chose; the caller waits in the menu.</summary>
    Menu,
}
