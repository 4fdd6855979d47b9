using Pbx.Grains.Calls;
using Pbx.Grains.Calls.Rules;
using Shouldly;
using Xunit;

namespace Pbx.Grains.Tests.Calls.Rules;

/// <summary>
/// The ringing phase, event by event, as phones and carriers produce it. Each row: the call (how many forks ring, what the
/// rung extension forwards to), the events in order ("1:180" is fork 1's 180, "1:200" its 200 with SDP, "cancel" the
/// caller's CANCEL, "no-answer" the ringing time running out), and the command each event gives, written short.
/// </summary>
public sealed class RingingMachineTests
{
    public static TheoryData<string, Call, string[], string[]> Rows => new()
    {
        { "ringback, then early media, then the answer", new(Forks: 1), ["0:100", "0:180", "0:183sdp", "0:200"],
            ["-", "180", "183 early media", "connect 0 cancel []"] },
        { "the first fork to answer wins, the others are cancelled", new(Forks: 3), ["1:200"], ["connect 1 cancel [0,2]"] },
        { "a fork answering after another is ACKed and ended with BYE", new(Forks: 2), ["0:200", "1:200"],
            ["connect 0 cancel [1]", "bye 1 cseq 2"] },
        { "a 200 crossing the caller's CANCEL is ended with BYE", new(Forks: 2), ["cancel", "0:200"],
            ["end cancelled by caller, no response, cancel [0,1]", "bye 0 cseq 2"] },
        { "a provisional after the CANCEL is ignored", new(Forks: 1), ["cancel", "0:180"],
            ["end cancelled by caller, no response, cancel [0]", "-"] },
        { "one fork busy while another rings: wait", new(Forks: 2), ["0:486"], ["-"] },
        { "every fork failed and one was busy: busy wins", new(Forks: 2), ["0:486", "1:480"], ["-", "end busy by callee, 486, cancel []"] },
        { "every fork failed unanswered", new(Forks: 2), ["0:408", "1:480"], ["-", "end no-answer by callee, 480, cancel []"] },
        { "a refusal other than busy or no answer reaches the caller", new(Forks: 1), ["0:403"], ["end failed by callee, 403, cancel []"] },
        { "busy with a busy forward: ring the forward, else busy", new(Forks: 1, ForwardBusy: "2002"), ["0:486"],
            ["forward-busy to 2002 cancel [] else end busy by callee, 486, cancel []"] },
        { "busy forward not taken on a failure that is not busy", new(Forks: 1, ForwardBusy: "2002"), ["0:480"],
            ["end no-answer by callee, 480, cancel []"] },
        { "no answer without a forward: 480", new(Forks: 2), ["no-answer"], ["end no-answer by system, 480, cancel [0,1]"] },
        { "no answer with a forward: ring it, the forks are cancelled", new(Forks: 2, ForwardNoAnswer: "2003"), ["no-answer"],
            ["forward-no-answer to 2003 cancel [0,1] else end no-answer by system, 480, cancel [0,1]"] },
        { "a forward chain already as long as allowed ends instead", new(Forks: 1, ForwardNoAnswer: "2003", Hops: RingingMachine.MaxForwards),
            ["no-answer"], ["end no-answer by system, 480, cancel [0]"] },
        { "a carrier's 5xx is the trunk's trouble: the next trunk, or 503 when none is left", new(Forks: 1, Outbound: true), ["0:503"],
            ["trunk carrier freed, next trunk or end failed by callee, 503, cancel []"] },
        { "a silent carrier is given up for the next trunk, and its 200 after all is ended with BYE", new(Forks: 1, Outbound: true),
            ["0:408", "0:200"], ["trunk carrier freed, next trunk or end failed by callee, 503, cancel []", "bye 0 cseq 2"] },
        { "a carrier's busy is the far end's answer: no other trunk", new(Forks: 1, Outbound: true), ["0:486"],
            ["trunk carrier freed, then end busy by callee, 486, cancel []"] },
        { "a carrier's 6xx is final too (RFC 3261 16.7)", new(Forks: 1, Outbound: true), ["0:603"],
            ["trunk carrier freed, then end failed by callee, 603, cancel []"] },
        { "a transfer's target answering joins it; its ringing and a no-answer after the answer change nothing",
            new(Forks: 2, Transfer: true, Phase: CallPhase.Answered), ["0:180", "1:200", "no-answer"], ["-", "target answered 1 cancel [0]", "-"] },
        { "a transfer's target busy on one contact waits for the other, then fails the transfer",
            new(Forks: 2, Transfer: true, Phase: CallPhase.Answered), ["0:486", "1:480"], ["-", "transfer failed"] },
        { "a transfer's target not answering in time: its contacts are cancelled", new(Forks: 2, Transfer: true, Phase: CallPhase.Answered),
            ["no-answer"], ["transfer no answer cancel [0,1]"] },
        { "a transfer's target answering after another of its contacts is ended with BYE", new(Forks: 2, Transfer: true, Phase: CallPhase.Answered),
            ["0:200", "1:200"], ["target answered 0 cancel [1]", "bye 1 cseq 2"] },
        { "the ringing time running out after the answer changes nothing", new(Forks: 0, Phase: CallPhase.Answered), ["no-answer"], ["-"] },
        { "a 2xx for a fork cancelled before the call ended is still ended with BYE", new(Forks: 1), ["cancel", "0:200", "0:200"],
            ["end cancelled by caller, no response, cancel [0]", "bye 0 cseq 2", "bye 0 cseq 2"] },
        { "a response for a fork the call never rang", new(Forks: 1), ["7:200"], ["-"] },
    };

    [Theory]
    [MemberData(nameof(Rows))]
    public void Each_event_of_the_ringing_phase_gives_one_command(string situation, Call call, string[] events, string[] expected)
    {
        var state = call.State();

        var commands = events.Select(e => Describe(Feed(state, e))).ToArray();

        commands.ShouldBe(expected, situation);
    }

    [Fact]
    public void The_answer_moves_every_other_fork_to_the_cancelled_ones_and_keeps_the_callee_s_dialog_as_its_200_confirmed_it()
    {
        var state = new Call(Forks: 2).State();

        var answer = RingingMachine.OnForkResponse(state, Response("0", 200) with { RemoteTag = "their-tag", Contact = "sip:2001@10.0.0.7:5062", RecordRoute = ["<sip:a;lr>", "<sip:b;lr>"] })
            .ShouldBeOfType<ConnectCallee>();

        (answer.Leg.RemoteTag, answer.Leg.RemoteTarget).ShouldBe(("their-tag", "sip:2001@10.0.0.7:5062"));
        answer.Leg.RouteSet.ShouldBe(["<sip:b;lr>", "<sip:a;lr>"], "RFC 3261 12.1.2: the Record-Route reversed");
        state.Forks.ShouldBeEmpty();
        state.CancelledForks.Keys.ShouldBe(["1"]);
    }

    /// <summary>A ringing call as a row describes it.</summary>
    public sealed record Call(int Forks, string? ForwardBusy = null, string? ForwardNoAnswer = null, int Hops = 0, bool Outbound = false,
        bool Transfer = false, CallPhase Phase = CallPhase.Ringing)
    {
        public CallState State()
        {
            var state = new CallState
            {
                Phase = Phase,
                Settings = new ExtensionCallSettings { ForwardBusy = ForwardBusy, ForwardNoAnswer = ForwardNoAnswer },
                Trunk = Outbound ? new TrunkCallState { Direction = "outbound", TrunkId = "carrier" } : null,
                Transfer = Transfer ? new TransferState { Kind = TransferKind.Blind, Target = "2005" } : null,
            };
            for (var i = 0; i < Hops; i++)
                state.History.Add(new DialPlanStep("forward-always", "2001", "2002", DateTimeOffset.UnixEpoch));
            for (var i = 0; i < Forks; i++)
                state.Forks[i.ToString(System.Globalization.CultureInfo.InvariantCulture)] = Leg(i);
            return state;
        }

        public override string ToString() => $"{Forks} fork(s)";
    }

    private static RingingCommand? Feed(CallState state, string e) => e switch
    {
        "cancel" => RingingMachine.OnRingingEnded(state, noAnswer: false),
        "no-answer" => RingingMachine.OnRingingEnded(state, noAnswer: true),
        _ => RingingMachine.OnForkResponse(state, ParseResponse(e)),
    };

    private static ForkResponse ParseResponse(string e)
    {
        var (fork, rest) = (e[..e.IndexOf(':', StringComparison.Ordinal)], e[(e.IndexOf(':', StringComparison.Ordinal) + 1)..]);
        var status = int.Parse(rest[..3], System.Globalization.CultureInfo.InvariantCulture);
        var response = Response(fork, status);
        return rest.EndsWith("sdp", StringComparison.Ordinal) || status is >= 200 and < 300 ? response with { Sdp = "v=0" } : response;
    }

    private static ForkResponse Response(string forkId, int status) => new(forkId, status, "Reason", "tag", null, [], null);

    private static DialogLeg Leg(int fork) =>
        new($"fork{fork}@pbx", "sip:2000@pbx", "ours", "sip:2001@pbx", null, "sip:2001@127.0.0.1", [], "udp", "127.0.0.1", 5070 + fork, 1);

    private static string Describe(RingingCommand? command) => command switch
    {
        null => "-",
        RelayRinging => "180",
        RelayEarlyMedia => "183 early media",
        TransferTargetAnswered answered => $"target answered {answered.Leg.CallId[4..answered.Leg.CallId.IndexOf('@')]} cancel [{string.Join(',', answered.Cancel)}]",
        TransferTargetFailed => "transfer failed",
        TransferTargetNoAnswer noAnswer => $"transfer no answer cancel [{string.Join(',', noAnswer.Cancel)}]",
        ByeLateAnswer late => $"bye {late.Leg.CallId[4..late.Leg.CallId.IndexOf('@')]} cseq {late.Leg.LocalCSeq}",
        ConnectCallee answer => $"connect {answer.Leg.CallId[4..answer.Leg.CallId.IndexOf('@')]} cancel [{string.Join(',', answer.Cancel.Order())}]",
        TrunkFailed { Otherwise: null } trunk => $"trunk {trunk.TrunkId} freed, next trunk or {Describe(trunk.NoTrunkLeft)}",
        TrunkFailed trunk => $"trunk {trunk.TrunkId} freed, then {Describe(trunk.Otherwise)}",
        ForwardOrEnd forward => $"{forward.Kind} to {forward.Target} cancel [{string.Join(',', forward.Cancel.Order())}] else {Describe(forward.Otherwise)}",
        EndCall end => $"end {end.Disposition} by {end.Side}, {(end.Response is { } r ? r.Status.ToString(System.Globalization.CultureInfo.InvariantCulture) : "no response")}, cancel [{string.Join(',', end.Cancel.Order())}]",
        _ => command.ToString() ?? "",
    };
}
