using Pbx.MediaNode.Dtmf;
using Shouldly;
using Xunit;

namespace Pbx.MediaNode.Tests.Dtmf;

public sealed class TelephoneEventTests
{
    [Fact]
    public void Payload_layout_follows_RFC_4733_section_2_3()
    {
        // Key 5, end bit, volume 10 (-10 dBm0), 800 timestamp units (100 ms at 8 kHz).
        var bytes = new byte[4];
        new TelephoneEvent(5, true, 10, 800).Write(bytes);

        bytes.ShouldBe(new byte[] { 0x05, 0x8A, 0x03, 0x20 });
    }

    [Fact]
    public void Reading_ignores_the_reserved_bit_and_round_trips()
    {
        TelephoneEvent.TryRead([0x0B, 0x40 | 0x3F, 0xFF, 0xFF], out var parsed).ShouldBeTrue();

        parsed.ShouldBe(new TelephoneEvent(11, false, 63, 65535));
    }

    [Fact]
    public void A_truncated_payload_is_not_an_event() =>
        TelephoneEvent.TryRead([0x01, 0x80, 0x00], out _).ShouldBeFalse();

    [Theory]
    [InlineData('*', 10)]
    [InlineData('#', 11)]
    [InlineData('a', 12)]
    [InlineData('D', 15)]
    public void Keys_map_to_RFC_4733_event_codes(char key, int code) => DtmfDigits.ToEvent(key).ShouldBe((byte)code);
}
