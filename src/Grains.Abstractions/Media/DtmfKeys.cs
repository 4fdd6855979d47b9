using System.Buffers;

namespace Pbx.Grains.Media;

/// <summary>The sixteen DTMF keys a call can send (ITU-T Q.23), shared by the call grain that checks a request and the media node that sends it.</summary>
public static class DtmfKeys
{
    /// <summary>Keys in RFC 4733 event-code order (section 3.2: 0-9, *, #, A-D are events 0-15).</summary>
    public const string All = "0123456789*#ABCD";

    private static readonly SearchValues<char> Accepted = SearchValues.Create(All + "abcd");

    /// <summary>True when <paramref name="digits"/> is one or more keys; a-d count as A-D.</summary>
    public static bool AreValid(string? digits) => digits is { Length: > 0 } && digits.AsSpan().IndexOfAnyExcept(Accepted) < 0;
}
