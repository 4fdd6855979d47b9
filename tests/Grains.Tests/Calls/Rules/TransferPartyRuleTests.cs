using Pbx.Grains.Calls;
using Pbx.Grains.Calls.Rules;
using Shouldly;
using Xunit;

namespace Pbx.Grains.Tests.Calls.Rules;

/// <summary>Who leaves a transferred call: the API's transferor, or the dialog an attended transfer's Replaces names.</summary>
public sealed class TransferPartyRuleTests
{
    // The caller's leg: the PBX is UAS, its tag local; the callee's: the PBX is UAC.
    private static readonly DialogLeg CallerLeg = Leg("caller-leg@phone", local: "pbx-a", remote: "phone-a");
    private static readonly DialogLeg CalleeLeg = Leg("callee-leg@pbx", local: "pbx-b", remote: "phone-b");

    [Theory]
    [InlineData(null, LeavingParty.Callee)] // the API names no transferor: the callee leaves
    [InlineData("2002", LeavingParty.Callee)] // the extension rung after a forward
    [InlineData("2000", LeavingParty.Caller)]
    [InlineData("2001", LeavingParty.None)] // the dialled number that forwarded to 2002 is no longer in the call
    [InlineData("3000", LeavingParty.None)]
    public void The_api_transferor_is_the_party_whose_number_it_is(string? transferor, LeavingParty leaving) =>
        TransferPartyRule.ByTransferor(transferor, caller: "2000", ringing: "2002").ShouldBe(leaving);

    public static TheoryData<string, ReplacesDialog, CallPhase, bool, LeavingParty> ReplacesRows => new()
    {
        { "Replaces names the caller's dialog, tags as the transferor saw them as UAC", new("caller-leg@phone", "pbx-a", "phone-a"), CallPhase.Answered, false, LeavingParty.Caller },
        { "the same dialog with the tags the other way round (transferor was UAS)", new("caller-leg@phone", "phone-a", "pbx-a"), CallPhase.Answered, false, LeavingParty.Caller },
        { "Replaces names the callee's dialog", new("callee-leg@pbx", "pbx-b", "phone-b"), CallPhase.Answered, false, LeavingParty.Callee },
        { "the right Call-ID with a tag of another dialog (a forged or stale Replaces)", new("caller-leg@phone", "pbx-b", "phone-a"), CallPhase.Answered, false, LeavingParty.None },
        { "a Call-ID this call does not hold", new("other@phone", "pbx-a", "phone-a"), CallPhase.Answered, false, LeavingParty.None },
        { "a call still ringing hands nothing over", new("caller-leg@phone", "pbx-a", "phone-a"), CallPhase.Ringing, false, LeavingParty.None },
        { "a call ended hands nothing over", new("caller-leg@phone", "pbx-a", "phone-a"), CallPhase.Ended, false, LeavingParty.None },
        { "a call in a transfer of its own keeps its legs", new("caller-leg@phone", "pbx-a", "phone-a"), CallPhase.Answered, true, LeavingParty.None },
    };

    [Theory]
    [MemberData(nameof(ReplacesRows))]
    public void Replaces_hands_over_a_leg_only_when_it_names_one_of_the_calls_dialogs(string situation, ReplacesDialog replaces, CallPhase phase,
        bool transferRunning, LeavingParty leaving) =>
        TransferPartyRule.ByReplaces(replaces, phase, transferRunning, CallerLeg, CalleeLeg).ShouldBe(leaving, situation);

    private static DialogLeg Leg(string callId, string local, string remote) =>
        new(callId, "sip:pbx", local, "sip:phone", remote, "sip:phone@127.0.0.1", [], "udp", "127.0.0.1", 5070, 1);
}
