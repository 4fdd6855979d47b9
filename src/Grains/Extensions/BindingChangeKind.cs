namespace Pbx.Grains.Extensions;

/// <summary>What happened to one binding; Added, Removed and Expired are published as live events.</summary>
public enum BindingChangeKind
{
    /// <summary>A new contact was registered.</summary>
    Added,
    /// <summary>An existing contact re-registered (new expiry, Call-ID, CSeq or source).</summary>
    Refreshed,
    /// <summary>The phone removed the contact (Expires: 0 or "*").</summary>
    Removed,
    /// <summary>The contact lapsed without a refresh.</summary>
    Expired,
}
