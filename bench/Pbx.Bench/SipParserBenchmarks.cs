using System.Buffers;
using System.Text;
using BenchmarkDotNet.Attributes;
using Pbx.EdgeSip.Parsing;

namespace Pbx.Bench;

/// <summary>
/// Parse and serialize of a typical desk-phone INVITE (about 800 bytes with SDP). Not sealed: BenchmarkDotNet
/// derives from benchmark classes.
/// </summary>
[MemoryDiagnoser]
public class SipParserBenchmarks
{
    private const string Sdp =
        "v=0\r\no=alice 2890844526 2890844526 IN IP4 192.0.2.10\r\ns=-\r\nc=IN IP4 192.0.2.10\r\nt=0 0\r\nm=audio 49170 RTP/AVP 0 8 101\r\n" +
        "a=rtpmap:0 PCMU/8000\r\na=rtpmap:8 PCMA/8000\r\na=rtpmap:101 telephone-event/8000\r\na=fmtp:101 0-16\r\na=sendrecv\r\n";

    public static readonly byte[] Invite = Encoding.ASCII.GetBytes(
        "INVITE sip:1002@pbx.example.com SIP/2.0\r\n" +
        "Via: SIP/2.0/UDP 192.0.2.10:5060;branch=z9hG4bK776asdhds;rport\r\n" +
        "Max-Forwards: 70\r\n" +
        "To: \"Bob\" <sip:1002@pbx.example.com>\r\n" +
        "From: \"Alice\" <sip:1001@pbx.example.com>;tag=1928301774\r\n" +
        "Call-ID: a84b4c76e66710@192.0.2.10\r\n" +
        "CSeq: 314159 INVITE\r\n" +
        "Contact: <sip:1001@192.0.2.10:5060;transport=udp>\r\n" +
        "Allow: INVITE, ACK, CANCEL, BYE, OPTIONS, INFO, REFER, NOTIFY\r\n" +
        "Supported: replaces, timer\r\n" +
        "User-Agent: Yealink SIP-T46S 66.86.0.15\r\n" +
        "Content-Type: application/sdp\r\n" +
        $"Content-Length: {Sdp.Length}\r\n\r\n" + Sdp);

    private readonly ArrayBufferWriter<byte> _output = new(4096);
    private SipMessage _parsed = null!;

    [GlobalSetup]
    public void Setup() => _parsed = SipMessageParser.ParseDatagram(Invite);

    /// <summary>Framing, every header located and the structured ones (Via, From, To, CSeq, Call-ID, Contact...) validated.</summary>
    [Benchmark(Baseline = true)]
    public int ParseInvite()
    {
        using var message = SipMessageParser.ParseDatagram(Invite);
        return message.HeaderCount;
    }

    /// <summary>Parse plus the strings a transaction keeps: branch, Call-ID, CSeq method.</summary>
    [Benchmark]
    public int ParseInviteAndTransactionKeys()
    {
        using var message = SipMessageParser.ParseDatagram(Invite);
        return message.TopViaBranch!.Length + message.CallId!.Length + message.CSeq!.Value.Method.Length;
    }

    /// <summary>Serialize the parsed INVITE into a reused buffer (what forwarding a message costs).</summary>
    [Benchmark]
    public int SerializeInvite()
    {
        _output.ResetWrittenCount();
        _parsed.WriteTo(_output);
        return _output.WrittenCount;
    }
}
