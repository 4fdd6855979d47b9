using Orleans;
namespace Pbx.Grains.Extensions;

/// <summary>
/// How a REGISTER ended. The edge maps each to one response (RFC 3261 section 10.3):
/// <list type="table">
/// <item><term><see cref="Ok"/></term><description>200 with every binding as Contact;expires=N</description></item>
/// <item><term><see cref="IntervalTooBrief"/></term><description>423 with Min-Expires (step 6)</description></item>
/// <item><term><see cref="TooManyContacts"/></term><description>403 "Too many contacts": permanent until some expire or are removed, so not 503</description></item>
/// <item><term><see cref="InvalidWildcard"/></term><description>400: "*" with other contacts or an Expires other than 0 (step 6)</description></item>
/// <item><term><see cref="OutOfOrder"/></term><description>500 "Out of order": same Call-ID with a CSeq not above the stored one (step 7)</description></item>
/// <item><term><see cref="NotFound"/></term><description>404: no such extension</description></item>
/// <item><term><see cref="Disabled"/></term><description>403: the extension is disabled</description></item>
/// </list>
/// </summary>
[GenerateSerializer]
public enum RegisterResult
{
    /// <summary>Accepted; the outcome lists the bindings now in force.</summary>
    Ok,
    /// <summary>A requested interval is above zero, below one hour and below the configured minimum.</summary>
    IntervalTooBrief,
    /// <summary>The request would leave more bindings than the extension's max_contacts.</summary>
    TooManyContacts,
    /// <summary>"Contact: *" came with other contacts or with an Expires other than 0.</summary>
    InvalidWildcard,
    /// <summary>Same Call-ID as a stored binding but a CSeq that is not higher: a stale or reordered request.</summary>
    OutOfOrder,
    /// <summary>The extension does not exist.</summary>
    NotFound,
    /// <summary>The extension is disabled.</summary>
    Disabled,
}
