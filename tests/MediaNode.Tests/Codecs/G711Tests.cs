using Pbx.MediaNode.Codecs;
using Pbx.MediaNode.Tests.Playback;
using Shouldly;
using Xunit;

namespace Pbx.MediaNode.Tests.Codecs;

public sealed class G711Tests
{
    // Code points from ITU-T G.711 tables 1a/2a (16-bit scaled): zero, the extremes, segment starts.
    [Theory]
    [InlineData(0xFF, 0)]
    [InlineData(0x7F, 0)]
    [InlineData(0x80, 32124)]
    [InlineData(0x00, -32124)]
    [InlineData(0xEF, 132)]
    [InlineData(0x9F, 8316)]
    public void MuLaw_decodes_standard_code_points(int code, int linear) =>
        G711.MuLawToLinear((byte)code).ShouldBe((short)linear);

    [Theory]
    [InlineData(0xD5, 8)]
    [InlineData(0x55, -8)]
    [InlineData(0xAA, 32256)]
    [InlineData(0x2A, -32256)]
    [InlineData(0xC5, 264)]
    public void ALaw_decodes_standard_code_points(int code, int linear) =>
        G711.ALawToLinear((byte)code).ShouldBe((short)linear);

    // -1 is 14-bit magnitude 1, the second step of G.711 table 2a (code 0x7E), as in the Sun reference coder sox uses.
    [Theory]
    [InlineData(0, 0xFF)]
    [InlineData(-1, 0x7E)]
    [InlineData(short.MaxValue, 0x80)]
    [InlineData(short.MinValue, 0x00)]
    public void MuLaw_encodes_zero_and_extremes(int linear, int code) =>
        G711.LinearToMuLaw((short)linear).ShouldBe((byte)code);

    [Theory]
    [InlineData(0, 0xD5)]
    [InlineData(-1, 0x55)]
    [InlineData(short.MaxValue, 0xAA)]
    [InlineData(short.MinValue, 0x2A)]
    public void ALaw_encodes_zero_and_extremes(int linear, int code) =>
        G711.LinearToALaw((short)linear).ShouldBe((byte)code);

    [Fact]
    public void Every_code_survives_decode_then_encode()
    {
        for (int code = 0; code < 256; code++)
        {
            G711.LinearToALaw(G711.ALawToLinear((byte)code)).ShouldBe((byte)code);
            // Mu-law has two zeros (0x7F "negative zero" and 0xFF); both decode to 0, which encodes to 0xFF.
            byte expected = code == 0x7F ? (byte)0xFF : (byte)code;
            G711.LinearToMuLaw(G711.MuLawToLinear((byte)code)).ShouldBe(expected);
        }
    }

    [Fact]
    public void Encoding_error_is_bounded_by_the_segment_step_size()
    {
        for (int x = short.MinValue; x <= short.MaxValue; x++)
        {
            short sample = (short)x;
            int mu = G711.MuLawToLinear(G711.LinearToMuLaw(sample));
            int a = G711.ALawToLinear(G711.LinearToALaw(sample));
            // Steps double per segment; near the top the clip (mu 32124, A 32256) bounds the error instead.
            Math.Abs(mu - x).ShouldBeLessThanOrEqualTo(Math.Max(Math.Abs(x) / 16 + 8, x > 32124 || x < -32124 ? 644 : 0));
            Math.Abs(a - x).ShouldBeLessThanOrEqualTo(Math.Max(Math.Abs(x) / 32 + 16, Math.Abs(x) > 32256 ? 512 : 0));
        }
    }

    [Fact]
    public void Transcoders_equal_decode_then_encode_for_all_256_codes()
    {
        var all = new byte[256];
        for (int i = 0; i < 256; i++)
            all[i] = (byte)i;
        var toA = new byte[256];
        var toMu = new byte[256];
        G711.MuLawToALaw(all, toA);
        G711.ALawToMuLaw(all, toMu);
        for (int i = 0; i < 256; i++)
        {
            toA[i].ShouldBe(G711.LinearToALaw(G711.MuLawToLinear((byte)i)), $"mu-law 0x{i:X2}");
            toMu[i].ShouldBe(G711.LinearToMuLaw(G711.ALawToLinear((byte)i)), $"A-law 0x{i:X2}");
        }
    }

    [Fact]
    public void Span_codecs_match_the_scalar_ones()
    {
        var pcm = new short[320];
        for (int i = 0; i < pcm.Length; i++)
            pcm[i] = (short)(i * 211 - 33000);
        var mu = new byte[pcm.Length];
        var a = new byte[pcm.Length];
        G711.EncodeMuLaw(pcm, mu);
        G711.EncodeALaw(pcm, a);
        var muBack = new short[pcm.Length];
        var aBack = new short[pcm.Length];
        G711.DecodeMuLaw(mu, muBack);
        G711.DecodeALaw(a, aBack);
        for (int i = 0; i < pcm.Length; i++)
        {
            mu[i].ShouldBe(G711.LinearToMuLaw(pcm[i]));
            a[i].ShouldBe(G711.LinearToALaw(pcm[i]));
            muBack[i].ShouldBe(G711.MuLawToLinear(mu[i]));
            aBack[i].ShouldBe(G711.ALawToLinear(a[i]));
        }
    }

    [Fact]
    public void Span_codec_rejects_a_short_destination() =>
        Should.Throw<ArgumentException>(() => G711.DecodeMuLaw(new byte[160], new short[80]));

    [Theory]
    [InlineData("mu-law")]
    [InlineData("a-law")]
    public void Sox_encoded_file_decodes_to_what_sox_decodes(string encoding)
    {
        using var tools = new AudioTools();
        var coded = tools.PathOf("coded.wav");
        var linear = tools.PathOf("linear.wav");
        tools.Sox("-n", "-r", "8000", "-c", "1", "-e", encoding, "-b", "8", coded,
            "synth", "1", "sine", "300-3300", "sine", "1000", "vol", "0.9");
        tools.Sox(coded, "-e", "signed-integer", "-b", "16", linear);

        var (_, bytes) = WavData.Read(coded);
        var soxDecoded = WavData.ReadPcm16(linear);
        var ours = new short[bytes.Length];
        if (encoding == "mu-law")
            G711.DecodeMuLaw(bytes, ours);
        else
            G711.DecodeALaw(bytes, ours);

        ours.ShouldBe(soxDecoded);
        // And our encoder gives the same bytes back for what sox decoded (sox stores exactly those codes).
        var reencoded = new byte[bytes.Length];
        if (encoding == "mu-law")
            G711.EncodeMuLaw(soxDecoded, reencoded);
        else
            G711.EncodeALaw(soxDecoded, reencoded);
        for (int i = 0; i < bytes.Length; i++)
            reencoded[i].ShouldBe(bytes[i] == 0x7F && encoding == "mu-law" ? (byte)0xFF : bytes[i], $"sample {i}");
    }

    [Fact]
    public void Hot_path_allocates_nothing()
    {
        var pcm = new short[160];
        var coded = new byte[160];
        G711.EncodeMuLaw(pcm, coded);
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 1000; i++)
        {
            G711.EncodeMuLaw(pcm, coded);
            G711.DecodeMuLaw(coded, pcm);
            G711.EncodeALaw(pcm, coded);
            G711.DecodeALaw(coded, pcm);
            G711.MuLawToALaw(coded, coded);
        }
        (GC.GetAllocatedBytesForCurrentThread() - before).ShouldBe(0);
    }
}
