using System.Globalization;

namespace Pbx.EdgeSip.Parsing;

/// <summary>delta-seconds of Expires and the expires parameter (RFC 3261 20.19, 25.1).</summary>
internal static class SipNumbers
{
    public static uint? ParseDeltaSeconds(string? text)
    {
        if (string.IsNullOrEmpty(text))
            return null;
        foreach (var c in text)
        {
            if (!char.IsAsciiDigit(c))
                return null;
        }
        // Overlarge values are a well-formed number the RFC says to clamp, not a reason to reject the message.
        return ulong.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value <= uint.MaxValue
            ? (uint)value
            : uint.MaxValue;
    }
}
