namespace Pbx.Grains.Extensions;

public sealed partial class ExtensionState
{
    /// <summary>
    /// True when a REGISTER only refreshed bindings that still reach the phone the same way (same contact, source, transport,
    /// edge node and Path): a change the running registrar needs, but a restart would not miss while the stored copy's
    /// bindings have not lapsed, so its write may wait longer than one that adds, moves or removes a binding.
    /// </summary>
    /// <param name="before">The bindings before the request (Apply replaces the list, so the old one stays as it was).</param>
    /// <param name="changes">What Apply changed.</param>
    public static bool RefreshesOnly(IReadOnlyList<ContactBinding> before, IReadOnlyList<BindingChange> changes)
    {
        if (changes.Count == 0)
            return false;
        foreach (var change in changes)
        {
            if (change.Kind != BindingChangeKind.Refreshed || !SameRouteAsBefore(before, change.Binding))
                return false;
        }
        return true;
    }

    private static bool SameRouteAsBefore(IReadOnlyList<ContactBinding> before, ContactBinding refreshed)
    {
        foreach (var old in before)
        {
            if (old.ContactUri == refreshed.ContactUri)
            {
                return old.SourceAddress == refreshed.SourceAddress && old.SourcePort == refreshed.SourcePort
                    && old.Transport == refreshed.Transport && old.EdgeNodeId == refreshed.EdgeNodeId
                    && SamePath(old.Path, refreshed.Path);
            }
        }
        return false;
    }

    private static bool SamePath(IReadOnlyList<string> a, IReadOnlyList<string> b)
    {
        if (a.Count != b.Count)
            return false;
        for (var i = 0; i < a.Count; i++)
        {
            if (a[i] != b[i])
                return false;
        }
        return true;
    }
}
