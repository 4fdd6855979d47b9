using System.Buffers;
using System.Text;
using Pbx.Data.Cdrs;
using Pbx.Data.Recordings;
using Pbx.Grains.Cdrs;
using Shouldly;
using Xunit;

namespace Pbx.Grains.Tests.Cdrs;

/// <summary>The journal's record format: every write type round-trips; a torn or damaged record is never read as one.</summary>
public sealed class CdrJournalRecordTests
{
    private static readonly DateTimeOffset At = new(2026, 12, 7, 10, 0, 0, TimeSpan.Zero);

    public static TheoryData<CdrWrite> Writes() =>
    [
        new CdrOpened("a@host", "1001", "Alice", "1002", "internal", At) { Silo = "10.0.0.1:11111@123" },
        new CdrOpened("b@host", "1001", null, "+4930123", "outbound", At),
        new CdrClosed("a@host", At.AddSeconds(2), At.AddSeconds(9), CdrDisposition.Answered, "BYE", "caller", """[{"kind":"forward"}]"""),
        new CdrClosed("b@host", null, At.AddSeconds(3), CdrDisposition.NoAnswer, "480 Temporarily Unavailable", "system"),
        new CdrTrunkSet("c@host", "inbound", "carrier", "xyz@carrier", "+4930123", "+4930999"),
        new RecordingOpened("a@host", "/rec/20261207-100000-ab.wav", At),
        new RecordingClosed("a@host", "/rec/20261207-100000-ab.wav", 96044, 3000, At.AddSeconds(9)),
    ];

    [Theory]
    [MemberData(nameof(Writes))]
    public void Every_write_reads_back_equal(CdrWrite write)
    {
        var bytes = Encode(write);

        CdrJournalRecord.TryRead(bytes, out var payload, out var consumed).ShouldBe(JournalRead.Record);

        consumed.ShouldBe(bytes.Length);
        CdrJournalRecord.Decode(payload).ShouldBe(write);
    }

    [Fact]
    public void Every_truncation_of_a_record_is_incomplete_and_consumes_nothing()
    {
        var bytes = Encode(new CdrOpened("a@host", "1001", "Alice", "1002", "internal", At) { Silo = "10.0.0.1:11111@123" });
        for (var length = 0; length < bytes.Length; length++)
        {
            CdrJournalRecord.TryRead(bytes.AsSpan(0, length), out _, out var consumed).ShouldBe(JournalRead.Incomplete, $"{length} bytes");
            consumed.ShouldBe(0);
        }
    }

    [Fact]
    public void A_changed_byte_anywhere_in_the_payload_is_damage()
    {
        var bytes = Encode(new CdrClosed("a@host", null, At, CdrDisposition.Busy, "486 Busy Here", "callee"));
        for (var i = CdrJournalRecord.HeaderBytes; i < bytes.Length; i++)
        {
            var copy = (byte[])bytes.Clone();
            copy[i] ^= 0x20;
            CdrJournalRecord.TryRead(copy, out _, out _).ShouldBe(JournalRead.Damaged, $"byte {i}");
        }
    }

    [Fact]
    public void An_impossible_length_is_damage_not_a_wait_for_more()
    {
        var zeros = new byte[64];
        CdrJournalRecord.TryRead(zeros, out _, out _).ShouldBe(JournalRead.Damaged, "a zero-filled tail, as a crash can leave");
        var huge = Encode(new CdrTrunkSet("c", "inbound", "t", "x", "1", "2"));
        huge[3] = 0x7f;
        CdrJournalRecord.TryRead(huge, out _, out _).ShouldBe(JournalRead.Damaged);
    }

    [Fact]
    public void Records_follow_each_other()
    {
        var output = new ArrayBufferWriter<byte>();
        CdrJournalRecord.Write(new CdrOpened("a", "1", null, "2", "internal", At), output);
        CdrJournalRecord.Write(new CdrClosed("a", null, At, CdrDisposition.Cancelled, "CANCEL", "caller"), output);
        var bytes = output.WrittenSpan;

        CdrJournalRecord.TryRead(bytes, out _, out var first).ShouldBe(JournalRead.Record);
        CdrJournalRecord.TryRead(bytes[first..], out var payload, out var second).ShouldBe(JournalRead.Record);

        (first + second).ShouldBe(bytes.Length);
        CdrJournalRecord.Decode(payload).ShouldBeOfType<CdrClosed>();
    }

    [Fact]
    public void Crc32C_matches_the_standard_check_value()
    {
        // RFC 3720 appendix B.4 and the CRC catalogue: CRC-32C of "123456789" is 0xE3069283.
        CdrJournalRecord.Crc32C("123456789"u8).ShouldBe(0xE3069283u);
        CdrJournalRecord.Crc32C(Encoding.ASCII.GetBytes("")).ShouldBe(0u);
    }

    private static byte[] Encode(CdrWrite write)
    {
        var output = new ArrayBufferWriter<byte>();
        CdrJournalRecord.Write(write, output);
        return output.WrittenSpan.ToArray();
    }
}
