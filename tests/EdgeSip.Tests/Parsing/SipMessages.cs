using System.Text;

namespace Pbx.EdgeSip.Tests.Parsing;

/// <summary>Typical messages a desk phone sends, shared by parser, transaction and edge tests.</summary>
internal static class SipMessages
{
    public const string Sdp =
        "v=0\r\no=alice 2890844526 2890844526 IN IP4 192.0.2.10\r\ns=-\r\nc=IN IP4 192.0.2.10\r\nt=0 0\r\nm=audio 49170 RTP/AVP 0 8 101\r\n" +
        "a=rtpmap:0 PCMU/8000\r\na=rtpmap:8 PCMA/8000\r\na=rtpmap:101 telephone-event/8000\r\n";

    public static string Invite(string branch = "z9hG4bK776asdhds", string host = "192.0.2.10:5060", string transport = "UDP") =>
        $"INVITE sip:1002@pbx.example.com SIP/2.0\r\n" +
        $"Via: SIP/2.0/{transport} {host};branch={branch};rport\r\n" +
        "Max-Forwards: 70\r\n" +
        "To: \"Bob\" <sip:1002@pbx.example.com>\r\n" +
        "From: \"Alice\" <sip:1001@pbx.example.com>;tag=1928301774\r\n" +
        "Call-ID: a84b4c76e66710@192.0.2.10\r\n" +
        "CSeq: 314159 INVITE\r\n" +
        "Contact: <sip:1001@192.0.2.10:5060;transport=udp>\r\n" +
        "Allow: INVITE, ACK, CANCEL, BYE, OPTIONS\r\n" +
        "User-Agent: Yealink SIP-T46S 66.86.0.15\r\n" +
        "Content-Type: application/sdp\r\n" +
        $"Content-Length: {Encoding.ASCII.GetByteCount(Sdp)}\r\n\r\n" + Sdp;

    public static string Options(string branch, string transport = "UDP", string host = "127.0.0.1:5070") =>
        $"OPTIONS sip:pbx@127.0.0.1 SIP/2.0\r\n" +
        $"Via: SIP/2.0/{transport} {host};branch={branch};rport\r\n" +
        "Max-Forwards: 70\r\n" +
        "To: <sip:pbx@127.0.0.1>\r\n" +
        "From: <sip:probe@127.0.0.1>;tag=opt1\r\n" +
        $"Call-ID: {branch}@127.0.0.1\r\n" +
        "CSeq: 1 OPTIONS\r\n" +
        "Content-Length: 0\r\n\r\n";
}
