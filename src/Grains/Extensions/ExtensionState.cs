using System.Text.Json.Serialization;

namespace Pbx.Grains.Extensions;

/// <summary>
/// The extension grain's persisted state and the registrar rules over it (RFC 3261 section 10.3), as pure methods that
/// take the time as an argument, so the rules are tested without a silo.
/// </summary>
public sealed partial class ExtensionState
{
    // RFC 3261 10.3 step 6: 423 only for a non-zero interval "less than one hour".
    private const int IntervalTooBriefCeiling = 3600;

    /// <summary>Current bindings, highest q first, then most recently registered first.</summary>
    public List<ContactBinding> Bindings { get; set; } = [];

    /// <summary>The earliest expiry among the bindings, or null when there are none: when the expiry timer must fire.</summary>
    [JsonIgnore]
    public DateTimeOffset? NextExpiry
    {
        get
        {
            DateTimeOffset? next = null;
            foreach (var binding in Bindings)
            {
                if (next is null || binding.ExpiresAt < next)
                    next = binding.ExpiresAt;
            }
            return next;
        }
    }

    /// <summary>
    /// Applies a REGISTER (RFC 3261 section 10.3 steps 6 to 8). Either every binding update succeeds and is committed, or
    /// none is (step 7: "MUST be committed ... if and only if all binding updates and additions succeed").
    /// </summary>
    /// <param name="request">The authenticated request.</param>
    /// <param name="options">Interval limits.</param>
    /// <param name="maxContacts">The extension's max_contacts.</param>
    /// <param name="now">The grain's clock.</param>
    public RegistrationApplied Apply(RegisterRequest request, RegistrarOptions options, int maxContacts, DateTimeOffset now)
    {
        var changes = new List<BindingChange>();
        var working = new List<ContactBinding>(Bindings.Count + request.Contacts.Count);
        foreach (var binding in Bindings)
        {
            if (binding.ExpiresAt <= now)
                changes.Add(new BindingChange(BindingChangeKind.Expired, binding));
            else
                working.Add(binding);
        }

        var rejection = request.Wildcard
            ? RemoveAll(request, working, changes)
            : Update(request, options, maxContacts, now, working, changes);
        if (rejection is { } result)
        {
            // Nothing the request asked for is committed, but lapsed bindings are gone whatever its fate.
            var expired = ExpiredOnly(changes);
            if (expired.Count > 0)
                Bindings = WithoutExpired(now);
            return new RegistrationApplied(RegisterOutcome.Rejected(result, options.MinExpires), expired);
        }
        Commit(working);
        return new RegistrationApplied(new RegisterOutcome(RegisterResult.Ok, Contacts(now), options.MinExpires), changes);
    }

    /// <summary>Drops lapsed bindings; returns them (empty when none lapsed).</summary>
    public IReadOnlyList<ContactBinding> RemoveExpired(DateTimeOffset now)
    {
        List<ContactBinding>? expired = null;
        foreach (var binding in Bindings)
        {
            if (binding.ExpiresAt <= now)
                (expired ??= []).Add(binding);
        }
        if (expired is null)
            return [];
        Bindings = WithoutExpired(now);
        return expired;
    }

    /// <summary>Removes every binding (the extension was deleted or disabled); returns them.</summary>
    public IReadOnlyList<ContactBinding> RemoveAll()
    {
        var removed = Bindings;
        Bindings = [];
        return removed;
    }

    /// <summary>The bindings as the 200 to a REGISTER lists them, with their remaining seconds.</summary>
    public IReadOnlyList<RegisteredContact> Contacts(DateTimeOffset now)
    {
        var contacts = new List<RegisteredContact>(Bindings.Count);
        foreach (var binding in Bindings)
        {
            if (binding.ExpiresAt > now)
                contacts.Add(new RegisteredContact(binding.ContactUri, (int)Math.Ceiling((binding.ExpiresAt - now).TotalSeconds), binding.Q));
        }
        return contacts;
    }

    /// <summary>True when an unexpired binding was registered from <paramref name="sourceAddress"/>.</summary>
    public bool HasBindingFrom(string sourceAddress, DateTimeOffset now)
    {
        foreach (var binding in Bindings)
        {
            if (binding.ExpiresAt > now && binding.SourceAddress == sourceAddress)
                return true;
        }
        return false;
    }

    // Step 6: "*" is valid only alone and with Expires: 0. Step 7 ordering applies to every binding it removes.
    private static RegisterResult? RemoveAll(RegisterRequest request, List<ContactBinding> working, List<BindingChange> changes)
    {
        if (request.Contacts.Count > 0 || request.Expires != 0)
            return RegisterResult.InvalidWildcard;
        foreach (var binding in working)
        {
            if (IsOutOfOrder(binding, request))
                return RegisterResult.OutOfOrder;
        }
        foreach (var binding in working)
            changes.Add(new BindingChange(BindingChangeKind.Removed, binding));
        working.Clear();
        return null;
    }

    private static RegisterResult? Update(RegisterRequest request, RegistrarOptions options, int maxContacts, DateTimeOffset now,
        List<ContactBinding> working, List<BindingChange> changes)
    {
        foreach (var contact in request.Contacts)
        {
            // Step 6: the contact's expires parameter, else the Expires header, else the local default.
            var expires = Math.Max(0, contact.Expires ?? request.Expires ?? options.DefaultExpires);
            if (expires > 0 && expires < IntervalTooBriefCeiling && expires < options.MinExpires)
                return RegisterResult.IntervalTooBrief;
            expires = Math.Min(expires, options.MaxExpires);

            var index = IndexOf(working, contact);
            if (index >= 0)
            {
                var existing = working[index];
                if (IsOutOfOrder(existing, request) && !WrittenByThisRequest(existing, request, changes))
                    return RegisterResult.OutOfOrder;
                if (expires == 0)
                {
                    working.RemoveAt(index);
                    changes.Add(new BindingChange(BindingChangeKind.Removed, existing));
                    continue;
                }
                var refreshed = NewBinding(contact, request, expires, now, existing.RegisteredAt);
                working[index] = refreshed;
                var sameContact = existing.ContactUri == contact.Uri;
                if (!sameContact)
                    changes.Add(new BindingChange(BindingChangeKind.Removed, existing));
                changes.Add(new BindingChange(sameContact ? BindingChangeKind.Refreshed : BindingChangeKind.Added, refreshed));
            }
            else if (expires > 0)
            {
                var added = NewBinding(contact, request, expires, now, now);
                working.Add(added);
                changes.Add(new BindingChange(BindingChangeKind.Added, added));
            }
        }
        // Checked on the result, so a request that removes one contact and adds another at the limit is fine.
        return working.Count > maxContacts ? RegisterResult.TooManyContacts : null;
    }

    // Step 7: same Call-ID and a CSeq not above the stored one means an old or reordered request: abort.
    private static bool IsOutOfOrder(ContactBinding binding, RegisterRequest request)
        => binding.CallId == request.CallId && request.CSeq <= binding.CSeq;

    // A contact listed twice in one request meets the binding the first listing wrote, which carries this request's CSeq.
    private static bool WrittenByThisRequest(ContactBinding binding, RegisterRequest request, List<BindingChange> changes)
    {
        foreach (var change in changes)
        {
            if (ReferenceEquals(change.Binding, binding))
                return binding.CSeq == request.CSeq;
        }
        return false;
    }

    // Contacts are matched by URI. The phone sends back the URI it registered, byte for byte, so an ordinal comparison is
    // enough; RFC 3261 19.1.4's looser equality would merge contacts some phones keep apart by parameters.
    // A contact with the same RFC 5626 instance id is the same device on a new address (reboot, NAT rebinding).
    private static int IndexOf(List<ContactBinding> bindings, RegisterContact contact)
    {
        for (var i = 0; i < bindings.Count; i++)
        {
            if (bindings[i].ContactUri == contact.Uri)
                return i;
        }
        if (contact.InstanceId is null)
            return -1;
        for (var i = 0; i < bindings.Count; i++)
        {
            if (bindings[i].InstanceId == contact.InstanceId)
                return i;
        }
        return -1;
    }

    private static ContactBinding NewBinding(RegisterContact contact, RegisterRequest request, int expires, DateTimeOffset now, DateTimeOffset registeredAt)
        => new(contact.Uri, contact.Q, now.AddSeconds(expires), request.CallId, request.CSeq, request.SourceAddress, request.SourcePort,
            request.Transport, request.EdgeNodeId, request.UserAgent, request.Path, contact.InstanceId, registeredAt);

    private static IReadOnlyList<BindingChange> ExpiredOnly(List<BindingChange> changes)
    {
        var expired = new List<BindingChange>();
        foreach (var change in changes)
        {
            if (change.Kind == BindingChangeKind.Expired)
                expired.Add(change);
        }
        return expired;
    }

    private List<ContactBinding> WithoutExpired(DateTimeOffset now)
    {
        var kept = new List<ContactBinding>(Bindings.Count);
        foreach (var binding in Bindings)
        {
            if (binding.ExpiresAt > now)
                kept.Add(binding);
        }
        return kept;
    }

    // Highest q first (RFC 3261 16.6: targets in q order), unspecified q ranking as 1, then the newest registration.
    private void Commit(List<ContactBinding> bindings)
    {
        bindings.Sort(static (a, b) =>
        {
            var byQ = (b.Q ?? 1).CompareTo(a.Q ?? 1);
            return byQ != 0 ? byQ : b.RegisteredAt.CompareTo(a.RegisteredAt);
        });
        Bindings = bindings;
    }
}
