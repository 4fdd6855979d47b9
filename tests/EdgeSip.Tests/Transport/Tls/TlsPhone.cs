using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Pbx.EdgeSip.Parsing;

namespace Pbx.EdgeSip.Tests.Transport.Tls;

/// <summary>
/// A phone's TLS connection to the edge from 127.0.0.1: trusts whatever certificate the edge presents (as a phone told to
/// accept a self-signed one does) and keeps it for the test to look at; sends raw SIP and reads framed messages.
/// </summary>
internal sealed class TlsPhone : IAsyncDisposable
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(5);
    private readonly Socket _socket;
    private readonly SslStream _stream;
    private readonly byte[] _buffer = new byte[65535];
    private int _filled;

    private TlsPhone(Socket socket, SslStream stream, X509Certificate2 presented)
    {
        _socket = socket;
        _stream = stream;
        Presented = presented;
    }

    /// <summary>The certificate the edge presented.</summary>
    public X509Certificate2 Presented { get; }

    public SslProtocols Protocol => _stream.SslProtocol;

    /// <summary>The phone's end of the connection: where the edge must send what it has for this phone.</summary>
    public IPEndPoint Local => (IPEndPoint)_socket.LocalEndPoint!;

    public static async Task<TlsPhone> ConnectAsync(IPEndPoint edge, SslProtocols protocols = SslProtocols.None)
    {
        var socket = new Socket(edge.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync(edge);
        X509Certificate2? presented = null;
        var stream = new SslStream(new NetworkStream(socket, ownsSocket: true), leaveInnerStreamOpen: false);
        using var timeout = new CancellationTokenSource(Wait);
        await stream.AuthenticateAsClientAsync(new SslClientAuthenticationOptions
        {
            TargetHost = "localhost",
            EnabledSslProtocols = protocols,
            RemoteCertificateValidationCallback = (_, certificate, _, _) =>
            {
                presented = X509CertificateLoader.LoadCertificate(certificate!.GetRawCertData());
                return true;
            },
        }, timeout.Token);
        return new TlsPhone(socket, stream, presented!);
    }

    public async Task SendAsync(string text) => await _stream.WriteAsync(Encoding.UTF8.GetBytes(text));

    /// <summary>Next message framed off the stream.</summary>
    public async Task<SipMessage> ReceiveAsync()
    {
        using var timeout = new CancellationTokenSource(Wait);
        while (true)
        {
            if (SipMessageParser.TryParse(_buffer.AsSpan(0, _filled), out var message, out var consumed))
            {
                _buffer.AsSpan(consumed, _filled - consumed).CopyTo(_buffer);
                _filled -= consumed;
                return message;
            }
            var read = await _stream.ReadAsync(_buffer.AsMemory(_filled), timeout.Token);
            if (read == 0)
                throw new IOException("the edge closed the connection");
            _filled += read;
        }
    }

    public async ValueTask DisposeAsync() => await _stream.DisposeAsync();
}
