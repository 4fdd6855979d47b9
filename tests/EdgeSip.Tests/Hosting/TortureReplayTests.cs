using Pbx.EdgeSip.Parsing;
using Pbx.EdgeSip.Tests.Parsing;
using Pbx.TestSupport;
using Shouldly;
using Xunit;

namespace Pbx.EdgeSip.Tests.Hosting;

/// <summary>The RFC 4475 corpus sent to a running edge over UDP: the right answers come back and the edge stays up.</summary>
public sealed class TortureReplayTests
{
    private const string Variable = "PBX_SIP_TORTURE_DIR";

    [TheoryRequiresEnv(Variable)]
    [InlineData("badinv01.dat", 400, "Bad Request - Malformed Header Parameter")]
    [InlineData("clerr.dat", 400, "Bad Request - Content-Length Larger Than Message")]
    [InlineData("ncl.dat", 400, "Bad Request - Invalid Content-Length")]
    [InlineData("scalar02.dat", 400, "Bad Request - Invalid CSeq")]
    [InlineData("quotbal.dat", 400, "Bad Request - Unterminated Quoted String")]
    [InlineData("ltgtruri.dat", 400, "Bad Request - Malformed Request-URI")]
    [InlineData("badvers.dat", 505, "Version Not Supported")]
    [InlineData("mismatch01.dat", 400, "Bad Request - CSeq Method Does Not Match")]
    [InlineData("mismatch02.dat", 501, "Not Implemented")]
    [InlineData("mcl01.dat", 400, "Bad Request - Multiple Content-Length Values")]
    [InlineData("insuf.dat", 400, "Bad Request - Missing From")]
    [InlineData("multi01.dat", 400, "Bad Request - Multiple From Values")]
    [InlineData("unkscm.dat", 416, "Unsupported URI Scheme")]
    [InlineData("bext01.dat", 420, "Bad Extension")]
    [InlineData("intmeth.dat", 501, "Not Implemented")]
    [InlineData("esc02.dat", 501, "Not Implemented")]
    public async Task Corpus_message_gets_the_answer_the_rfc_expects(string file, int status, string reason)
    {
        await using var edge = await EdgeHost.StartAsync();
        using var phone = SipProbe.Udp();
        await phone.SendToAsync(File.ReadAllText(Path.Combine(Environment.GetEnvironmentVariable(Variable)!, file)), edge.Udp);
        (await phone.ReceiveStatusAsync()).ShouldBe((status, reason));
    }

    [FactRequiresEnv(Variable)]
    public async Task Whole_corpus_over_udp_and_tcp_leaves_the_edge_serving()
    {
        await using var edge = await EdgeHost.StartAsync();
        using var phone = SipProbe.Udp();
        var dir = Environment.GetEnvironmentVariable(Variable)!;
        foreach (var file in Directory.EnumerateFiles(dir, "*.dat", SearchOption.AllDirectories))
        {
            var bytes = await File.ReadAllBytesAsync(file);
            await phone.SendToAsync(System.Text.Encoding.Latin1.GetString(bytes), edge.Udp);
            // Over TCP a broken framing closes the connection; each file gets its own.
            using var tcp = await SipProbe.TcpAsync(edge.Tcp);
            await tcp.SendAsync(System.Text.Encoding.Latin1.GetString(bytes));
        }
        var branch = "z9hG4bKafter" + Guid.NewGuid().ToString("N");
        await phone.SendToAsync(SipMessages.Options(branch), edge.Udp);
        // Answers to the corpus come first; skip them until the ping's.
        SipResponse? answer = null;
        while (answer?.CallId != $"{branch}@127.0.0.1")
        {
            try
            {
                answer = await phone.ReceiveDatagramAsync() as SipResponse;
            }
            catch (SipParseException)
            {
                // A 400 that echoes the broken header it answers.
            }
        }
        answer.StatusCode.ShouldBe(200);
    }
}
