using System.Globalization;

namespace Pbx.Bench;

/// <summary>
/// The sipp scenarios of the call bench: a caller that authenticates (407, RFC 3261 22.3), holds the answered call and
/// hangs up, and a callee that rings, answers with SDP and waits for BYE. Fields of the caller's injection file: caller and
/// its [authentication] keyword (sipp does not expand fields inside it). The callee is sipp's -s service; sipp's digest uri
/// is the edge's address, which the edge accepts for any number it hosts (DigestUriRule).
/// </summary>
internal static class CallScenarios
{
    // A recording of 236 G.711 A-law packets spanning 7.05 s, shipped with sip-tester.
    public const string AudioPcap = "/usr/share/sip-tester/g711a.pcap";
    public const int AudioPcapPackets = 236;
    public static readonly TimeSpan AudioPcapLength = TimeSpan.FromMilliseconds(7100);

    /// <summary>A caller holding the call <paramref name="hold"/> without RTP.</summary>
    public static string Caller(TimeSpan hold) => CallerScenario(
        $"""<pause milliseconds="{hold.TotalMilliseconds.ToString("0", CultureInfo.InvariantCulture)}" />""");

    /// <summary>
    /// A caller playing <see cref="AudioPcap"/> <paramref name="plays"/> times back to back while the call is up; the
    /// callee's sipp echoes it (-rtp_echo), so RTP crosses the media node both ways.
    /// </summary>
    public static string CallerWithRtp(int plays)
    {
        // play_pcap_audio returns at once and plays in its own thread, so each play is followed by a pause of its length.
        var play = $"""
            <nop><action><exec play_pcap_audio="{AudioPcap}" /></action></nop>
            <pause milliseconds="{AudioPcapLength.TotalMilliseconds.ToString("0", CultureInfo.InvariantCulture)}" />
            """;
        return CallerScenario(string.Concat(Enumerable.Repeat(play, plays)));
    }

    /// <summary>Rtd 1 spans the whole set-up as the caller's user sees it: first INVITE, 407, INVITE with credentials, 200.</summary>
    private static string CallerScenario(string hold) => $"""
        <?xml version="1.0" encoding="ISO-8859-1" ?>
        <scenario name="call-bench-caller">
          <send retrans="500" start_rtd="1">
            <![CDATA[

              INVITE sip:[service]@[remote_ip]:[remote_port] SIP/2.0
              Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch]
              Max-Forwards: 70
              From: "Caller [field0]" <sip:[field0]@[remote_ip]>;tag=[pid]uac[call_number]
              To: <sip:[service]@[remote_ip]>
              Call-ID: [call_id]
              CSeq: 1 INVITE
              Contact: <sip:[field0]@[local_ip]:[local_port]>
              Content-Type: application/sdp
              Content-Length: [len]

              v=0
              o=caller 1 1 IN IP4 [local_ip]
              s=-
              c=IN IP4 [media_ip]
              t=0 0
              m=audio [media_port] RTP/AVP 8
              a=rtpmap:8 PCMA/8000
              a=sendrecv

            ]]>
          </send>
          <recv response="100" optional="true" />
          <recv response="407" auth="true" />
          <send>
            <![CDATA[

              ACK sip:[service]@[remote_ip]:[remote_port] SIP/2.0
              Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch-3]
              Max-Forwards: 70
              From: "Caller [field0]" <sip:[field0]@[remote_ip]>;tag=[pid]uac[call_number]
              To: <sip:[service]@[remote_ip]>[peer_tag_param]
              Call-ID: [call_id]
              CSeq: 1 ACK
              Content-Length: 0

            ]]>
          </send>
          <send retrans="500">
            <![CDATA[

              INVITE sip:[service]@[remote_ip]:[remote_port] SIP/2.0
              Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch]
              Max-Forwards: 70
              From: "Caller [field0]" <sip:[field0]@[remote_ip]>;tag=[pid]uac[call_number]
              To: <sip:[service]@[remote_ip]>
              Call-ID: [call_id]
              CSeq: 2 INVITE
              Contact: <sip:[field0]@[local_ip]:[local_port]>
              [field1]
              Content-Type: application/sdp
              Content-Length: [len]

              v=0
              o=caller 1 2 IN IP4 [local_ip]
              s=-
              c=IN IP4 [media_ip]
              t=0 0
              m=audio [media_port] RTP/AVP 8
              a=rtpmap:8 PCMA/8000
              a=sendrecv

            ]]>
          </send>
          <recv response="100" optional="true" />
          <recv response="180" optional="true" />
          <recv response="200" rrs="true" rtd="1" />
          <send>
            <![CDATA[

              ACK [next_url] SIP/2.0
              Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch]
              Max-Forwards: 70
              From: "Caller [field0]" <sip:[field0]@[remote_ip]>;tag=[pid]uac[call_number]
              To: <sip:[service]@[remote_ip]>[peer_tag_param]
              Call-ID: [call_id]
              CSeq: 2 ACK
              Content-Length: 0

            ]]>
          </send>
          {hold}
          <send retrans="500">
            <![CDATA[

              BYE [next_url] SIP/2.0
              Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch]
              Max-Forwards: 70
              From: "Caller [field0]" <sip:[field0]@[remote_ip]>;tag=[pid]uac[call_number]
              To: <sip:[service]@[remote_ip]>[peer_tag_param]
              Call-ID: [call_id]
              CSeq: 3 BYE
              Content-Length: 0

            ]]>
          </send>
          <recv response="200" />
        </scenario>
        """;

    /// <summary>Every callee: 180, 200 with SDP for the sipp media port (which echoes RTP with -rtp_echo), then BYE.</summary>
    public const string Callee = """
        <?xml version="1.0" encoding="ISO-8859-1" ?>
        <scenario name="call-bench-callee">
          <recv request="INVITE" crlf="true" />
          <send>
            <![CDATA[

              SIP/2.0 180 Ringing
              [last_Via:]
              [last_From:]
              [last_To:];tag=[pid]uas[call_number]
              [last_Call-ID:]
              [last_CSeq:]
              Contact: <sip:[local_ip]:[local_port];transport=[transport]>
              Content-Length: 0

            ]]>
          </send>
          <send retrans="500">
            <![CDATA[

              SIP/2.0 200 OK
              [last_Via:]
              [last_From:]
              [last_To:];tag=[pid]uas[call_number]
              [last_Call-ID:]
              [last_CSeq:]
              Contact: <sip:[local_ip]:[local_port];transport=[transport]>
              Content-Type: application/sdp
              Content-Length: [len]

              v=0
              o=callee 1 1 IN IP4 [local_ip]
              s=-
              c=IN IP4 [media_ip]
              t=0 0
              m=audio [media_port] RTP/AVP 8
              a=rtpmap:8 PCMA/8000
              a=sendrecv

            ]]>
          </send>
          <recv request="ACK" />
          <recv request="BYE" />
          <send>
            <![CDATA[

              SIP/2.0 200 OK
              [last_Via:]
              [last_From:]
              [last_To:]
              [last_Call-ID:]
              [last_CSeq:]
              Content-Length: 0

            ]]>
          </send>
        </scenario>
        """;
}
