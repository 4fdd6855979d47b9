using Pbx.EdgeSip.Calls.Reliable;
using Shouldly;
using Xunit;

namespace Pbx.EdgeSip.Tests.Calls.Reliable;

/// <summary>The UAC's view of RSeq numbers in one early dialog (RFC 3262 section 4).</summary>
public sealed class SipReliableSequenceTests
{
    [Fact]
    public void First_reliable_response_is_new_whatever_its_rseq_and_the_next_must_be_one_higher()
    {
        var sequence = new SipReliableSequence();

        sequence.Arrive(4000).ShouldBe(ReliableArrival.New);
        sequence.Arrive(4001).ShouldBe(ReliableArrival.New);
        sequence.Arrive(4002).ShouldBe(ReliableArrival.New);
    }

    [Fact]
    public void Retransmission_of_an_acknowledged_response_is_discarded_not_prack_ed_again()
    {
        var sequence = new SipReliableSequence();
        sequence.Arrive(10).ShouldBe(ReliableArrival.New);

        sequence.Arrive(10).ShouldBe(ReliableArrival.Retransmission);
        sequence.Arrive(9).ShouldBe(ReliableArrival.Retransmission);
    }

    [Fact]
    public void Gap_in_rseq_is_out_of_order_and_does_not_move_the_sequence()
    {
        var sequence = new SipReliableSequence();
        sequence.Arrive(10);

        sequence.Arrive(12).ShouldBe(ReliableArrival.OutOfOrder);
        sequence.Arrive(11).ShouldBe(ReliableArrival.New);
        sequence.Arrive(12).ShouldBe(ReliableArrival.New);
    }
}
