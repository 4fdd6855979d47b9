using Pbx.Grains.Extensions;
using Shouldly;
using Xunit;

namespace Pbx.Grains.Tests.Extensions;

// RFC 3261 section 10.3, one rule per test.
public sealed class ExtensionStateTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 22, 3, 0, 0, TimeSpan.Zero);
    private static readonly RegistrarOptions Options = new() { MinExpires = 60, MaxExpires = 3600, DefaultExpires = 1800 };
    private const string Phone = "sip:100@127.0.0.10:5060";
    private const string Softphone = "sip:100@127.0.0.11:5062;transport=tcp";

    private readonly ExtensionState _state = new();

    [Fact]
    public void Register_adds_a_binding_that_remembers_how_to_reach_the_phone()
    {
        var applied = Register([new RegisterContact(Phone)], expires: 600);

        applied.Outcome.Result.ShouldBe(RegisterResult.Ok);
        applied.Outcome.Bindings.ShouldBe([new RegisteredContact(Phone, 600, null)]);
        applied.Changes.ShouldHaveSingleItem().Kind.ShouldBe(BindingChangeKind.Added);
        var binding = _state.Bindings.ShouldHaveSingleItem();
        binding.SourceAddress.ShouldBe("192.0.2.7");
        binding.SourcePort.ShouldBe(40000);
        binding.Transport.ShouldBe("udp");
        binding.EdgeNodeId.ShouldBe("edge-1");
        binding.UserAgent.ShouldBe("TestPhone/1.0");
        binding.ExpiresAt.ShouldBe(T0.AddSeconds(600));
    }

    [Fact]
    public void Path_is_stored_with_the_binding()
    {
        // RFC 3327 section 5.3: the registrar stores the Path values with the binding.
        Register([new RegisterContact(Phone)], expires: 600, path: ["<sip:edge1.pbx;lr>", "<sip:sbc.example;lr>"]);
        _state.Bindings.ShouldHaveSingleItem().Path.ShouldBe(["<sip:edge1.pbx;lr>", "<sip:sbc.example;lr>"]);
    }

    [Fact]
    public void Refresh_with_a_higher_CSeq_extends_the_binding()
    {
        Register([new RegisterContact(Phone)], expires: 600, cseq: 1);
        var applied = Register([new RegisterContact(Phone)], expires: 900, cseq: 2, now: T0.AddSeconds(300));

        applied.Outcome.Bindings.ShouldBe([new RegisteredContact(Phone, 900, null)]);
        applied.Changes.ShouldHaveSingleItem().Kind.ShouldBe(BindingChangeKind.Refreshed);
        _state.Bindings.ShouldHaveSingleItem().RegisteredAt.ShouldBe(T0);
    }

    [Fact]
    public void Expires_zero_removes_only_that_contact()
    {
        Register([new RegisterContact(Phone), new RegisterContact(Softphone)], expires: 600, cseq: 1);
        var applied = Register([new RegisterContact(Phone)], expires: 0, cseq: 2);

        applied.Outcome.Bindings.ShouldBe([new RegisteredContact(Softphone, 600, null)]);
        applied.Changes.ShouldHaveSingleItem().ShouldSatisfyAllConditions(
            c => c.Kind.ShouldBe(BindingChangeKind.Removed),
            c => c.Binding.ContactUri.ShouldBe(Phone));
    }

    [Fact]
    public void Contact_expires_parameter_takes_precedence_over_the_Expires_header()
    {
        var applied = Register([new RegisterContact(Phone, Expires: 120), new RegisterContact(Softphone)], expires: 600);
        applied.Outcome.Bindings.ShouldBe([new RegisteredContact(Softphone, 600, null), new RegisteredContact(Phone, 120, null)], ignoreOrder: true);
    }

    [Fact]
    public void No_interval_at_all_gets_the_default()
        => Register([new RegisterContact(Phone)], expires: null).Outcome.Bindings.ShouldHaveSingleItem().ExpiresInSeconds.ShouldBe(1800);

    [Fact]
    public void Register_below_min_expires_gets_423_and_changes_nothing()
    {
        Register([new RegisterContact(Phone)], expires: 600, cseq: 1);
        var applied = Register([new RegisterContact(Phone), new RegisterContact(Softphone, Expires: 30)], expires: 600, cseq: 2);

        applied.Outcome.Result.ShouldBe(RegisterResult.IntervalTooBrief);
        applied.Outcome.MinExpires.ShouldBe(60);
        applied.Outcome.Bindings.ShouldBeEmpty();
        _state.Bindings.ShouldHaveSingleItem().CSeq.ShouldBe(1u);
    }

    [Fact]
    public void Interval_of_an_hour_or_more_is_never_too_brief()
    {
        // RFC 3261 10.3 step 6 allows 423 only below one hour, whatever the configured minimum.
        var options = new RegistrarOptions { MinExpires = 3600, MaxExpires = 7200, DefaultExpires = 3600 };
        _state.Apply(Request([new RegisterContact(Phone)], 3600, 1), options, 5, T0).Outcome.Result.ShouldBe(RegisterResult.Ok);
    }

    [Fact]
    public void Interval_above_max_expires_is_shortened()
        => Register([new RegisterContact(Phone)], expires: 86400).Outcome.Bindings.ShouldHaveSingleItem().ExpiresInSeconds.ShouldBe(3600);

    [Fact]
    public void Contacts_beyond_max_contacts_are_refused_with_nothing_committed()
    {
        Register([new RegisterContact(Phone)], expires: 600, maxContacts: 2);
        var applied = Register([new RegisterContact(Softphone), new RegisterContact("sip:100@127.0.0.12")], expires: 600, cseq: 2, maxContacts: 2);

        applied.Outcome.Result.ShouldBe(RegisterResult.TooManyContacts);
        _state.Bindings.ShouldHaveSingleItem().ContactUri.ShouldBe(Phone);
    }

    [Fact]
    public void Replacing_a_contact_at_the_limit_is_allowed()
    {
        Register([new RegisterContact(Phone)], expires: 600, cseq: 1, maxContacts: 1);
        var applied = Register([new RegisterContact(Phone, Expires: 0), new RegisterContact(Softphone)], expires: 600, cseq: 2, maxContacts: 1);

        applied.Outcome.Result.ShouldBe(RegisterResult.Ok);
        _state.Bindings.ShouldHaveSingleItem().ContactUri.ShouldBe(Softphone);
    }

    [Fact]
    public void Same_instance_id_on_a_new_address_replaces_the_old_binding()
    {
        // RFC 5626 4.1: a rebooted phone behind NAT comes back on a new port with the same +sip.instance.
        Register([new RegisterContact(Phone, InstanceId: "<urn:uuid:1>")], expires: 600, cseq: 1, callId: "boot-1", maxContacts: 1);
        var applied = Register([new RegisterContact("sip:100@127.0.0.10:5099", InstanceId: "<urn:uuid:1>")], expires: 600, cseq: 1,
            callId: "boot-2", maxContacts: 1);

        applied.Outcome.Result.ShouldBe(RegisterResult.Ok);
        _state.Bindings.ShouldHaveSingleItem().ContactUri.ShouldBe("sip:100@127.0.0.10:5099");
        applied.Changes.Select(c => c.Kind).ShouldBe([BindingChangeKind.Removed, BindingChangeKind.Added]);
    }

    [Fact]
    public void Bindings_are_listed_highest_q_first()
    {
        Register([new RegisterContact(Phone, Q: 0.5), new RegisterContact(Softphone, Q: 0.9), new RegisterContact("sip:100@127.0.0.12")], expires: 600);
        _state.Bindings.Select(b => b.ContactUri).ShouldBe(["sip:100@127.0.0.12", Softphone, Phone]);
    }

    [Fact]
    public void Same_Call_ID_with_a_CSeq_not_above_the_stored_one_is_out_of_order()
    {
        // RFC 3261 10.3 step 7: "If not, the update MUST be aborted and the request fails."
        Register([new RegisterContact(Phone)], expires: 600, cseq: 5);
        Register([new RegisterContact(Phone)], expires: 0, cseq: 5).Outcome.Result.ShouldBe(RegisterResult.OutOfOrder);
        Register([new RegisterContact(Phone)], expires: 0, cseq: 4).Outcome.Result.ShouldBe(RegisterResult.OutOfOrder);
        _state.Bindings.ShouldHaveSingleItem();
    }

    [Fact]
    public void Different_Call_ID_updates_whatever_its_CSeq()
    {
        // RFC 3261 10.3 step 7: a different Call-ID replaces (or removes) the binding.
        Register([new RegisterContact(Phone)], expires: 600, cseq: 5, callId: "a");
        Register([new RegisterContact(Phone)], expires: 900, cseq: 1, callId: "b").Outcome.Result.ShouldBe(RegisterResult.Ok);
        _state.Bindings.ShouldHaveSingleItem().CallId.ShouldBe("b");
        Register([new RegisterContact(Phone)], expires: 0, cseq: 1, callId: "c").Outcome.Bindings.ShouldBeEmpty();
    }

    [Fact]
    public void Wildcard_with_Expires_zero_removes_every_binding()
    {
        Register([new RegisterContact(Phone), new RegisterContact(Softphone)], expires: 600, cseq: 1);
        var applied = _state.Apply(Request([], 0, 2) with { Wildcard = true }, Options, 5, T0);

        applied.Outcome.Result.ShouldBe(RegisterResult.Ok);
        applied.Outcome.Bindings.ShouldBeEmpty();
        applied.Changes.Count.ShouldBe(2);
        _state.Bindings.ShouldBeEmpty();
    }

    [Theory]
    [InlineData(600)]
    [InlineData(null)]
    public void Wildcard_without_Expires_zero_is_invalid(int? expires)
    {
        Register([new RegisterContact(Phone)], expires: 600, cseq: 1);
        _state.Apply(Request([], expires, 2) with { Wildcard = true }, Options, 5, T0).Outcome.Result.ShouldBe(RegisterResult.InvalidWildcard);
        _state.Bindings.ShouldHaveSingleItem();
    }

    [Fact]
    public void Wildcard_with_other_contacts_is_invalid()
        => _state.Apply(Request([new RegisterContact(Phone)], 0, 1) with { Wildcard = true }, Options, 5, T0)
            .Outcome.Result.ShouldBe(RegisterResult.InvalidWildcard);

    [Fact]
    public void Wildcard_out_of_order_removes_nothing()
    {
        Register([new RegisterContact(Phone)], expires: 600, cseq: 5);
        _state.Apply(Request([], 0, 3) with { Wildcard = true }, Options, 5, T0).Outcome.Result.ShouldBe(RegisterResult.OutOfOrder);
        _state.Bindings.ShouldHaveSingleItem();
    }

    [Fact]
    public void Query_without_contacts_lists_bindings_and_changes_nothing()
    {
        Register([new RegisterContact(Phone)], expires: 600, cseq: 1);
        var applied = Register([], expires: null, cseq: 2, now: T0.AddSeconds(100));

        applied.Outcome.Bindings.ShouldBe([new RegisteredContact(Phone, 500, null)]);
        applied.Changes.ShouldBeEmpty();
    }

    [Fact]
    public void Lapsed_bindings_expire_and_report_when_the_timer_fires()
    {
        Register([new RegisterContact(Phone, Expires: 60), new RegisterContact(Softphone, Expires: 600)], expires: null);
        _state.NextExpiry.ShouldBe(T0.AddSeconds(60));

        _state.RemoveExpired(T0.AddSeconds(59)).ShouldBeEmpty();
        _state.RemoveExpired(T0.AddSeconds(60)).ShouldHaveSingleItem().ContactUri.ShouldBe(Phone);
        _state.NextExpiry.ShouldBe(T0.AddSeconds(600));
    }

    [Fact]
    public void Lapsed_bindings_do_not_count_against_max_contacts()
    {
        Register([new RegisterContact(Phone, Expires: 60)], expires: null, maxContacts: 1);
        var applied = Register([new RegisterContact(Softphone)], expires: 600, cseq: 2, now: T0.AddSeconds(61), maxContacts: 1);

        applied.Outcome.Result.ShouldBe(RegisterResult.Ok);
        applied.Changes.Select(c => c.Kind).ShouldBe([BindingChangeKind.Expired, BindingChangeKind.Added]);
    }

    [Fact]
    public void A_refresh_from_the_same_source_is_refresh_only_but_a_moved_or_new_contact_is_not()
    {
        Register([new RegisterContact(Phone)], expires: 600);
        var before = _state.Bindings;
        var refreshed = Register([new RegisterContact(Phone)], expires: 600, cseq: 2, now: T0.AddSeconds(30));
        ExtensionState.RefreshesOnly(before, refreshed.Changes).ShouldBeTrue();

        // A NAT rebinding moves where calls must go: the stored copy must learn it promptly.
        before = _state.Bindings;
        var moved = _state.Apply(Request([new RegisterContact(Phone)], 600, 3) with { SourcePort = 40001 }, Options, 5, T0.AddSeconds(60));
        ExtensionState.RefreshesOnly(before, moved.Changes).ShouldBeFalse();

        before = _state.Bindings;
        var added = Register([new RegisterContact(Phone), new RegisterContact(Softphone)], expires: 600, cseq: 4, now: T0.AddSeconds(90));
        ExtensionState.RefreshesOnly(before, added.Changes).ShouldBeFalse();
    }

    private RegistrationApplied Register(IReadOnlyList<RegisterContact> contacts, int? expires, uint cseq = 1, string callId = "call-1",
        DateTimeOffset? now = null, int maxContacts = 5, IReadOnlyList<string>? path = null)
        => _state.Apply(Request(contacts, expires, cseq, callId, path), Options, maxContacts, now ?? T0);

    private static RegisterRequest Request(IReadOnlyList<RegisterContact> contacts, int? expires, uint cseq, string callId = "call-1",
        IReadOnlyList<string>? path = null)
        => new(contacts, Wildcard: false, expires, callId, cseq, "192.0.2.7", 40000, "udp", "edge-1", "TestPhone/1.0", path ?? []);
}
