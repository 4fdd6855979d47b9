using Pbx.EdgeSip.Parsing;
using Pbx.Grains.Calls;

namespace Pbx.EdgeSip.Calls;

/// <summary>Reads a Refer-To value (RFC 3515 2.1): the target's user part and an embedded Replaces (RFC 3891 section 6.1).</summary>
internal static class SipReferTo
{
    /// <summary>
    /// Parses <c>&lt;sip:2003@pbx?Replaces=callid%3Bto-tag%3Da%3Bfrom-tag%3Db&gt;</c> (or the bare URI form); false when
    /// there is no user part or a Replaces lacks its tags.
    /// </summary>
    public static bool TryParse(string value, out string target, out ReplacesDialog? replaces)
    {
        target = "";
        replaces = null;
        // RFC 3261 19.1.1: headers of a SIP URI follow "?" as hname=hvalue pairs joined by "&", escaped.
        if (SipDialogMessages.UriText(value) is not { } text || !SipUri.TryParse(text, out var uri) || string.IsNullOrEmpty(uri.User))
            return false;
        target = uri.User;
        if (uri.Headers is null)
            return true;
        foreach (var header in uri.Headers.Split('&'))
        {
            if (!header.StartsWith("Replaces=", StringComparison.OrdinalIgnoreCase))
                continue;
            replaces = ParseReplaces(Uri.UnescapeDataString(header["Replaces=".Length..]));
            return replaces is not null;
        }
        return true;
    }

    /// <summary>RFC 3891 6.1: <c>callid;to-tag=...;from-tag=...</c> (early-only ignored); null without both tags.</summary>
    private static ReplacesDialog? ParseReplaces(string value)
    {
        var parts = value.Split(';', StringSplitOptions.TrimEntries);
        string? toTag = null, fromTag = null;
        foreach (var part in parts.AsSpan(1))
        {
            if (part.StartsWith("to-tag=", StringComparison.OrdinalIgnoreCase))
                toTag = part["to-tag=".Length..];
            else if (part.StartsWith("from-tag=", StringComparison.OrdinalIgnoreCase))
                fromTag = part["from-tag=".Length..];
        }
        return parts[0].Length > 0 && toTag is not null && fromTag is not null ? new ReplacesDialog(parts[0], toTag, fromTag) : null;
    }
}
