using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using Microsoft.Extensions.Logging;
using Pbx.Certificates;
using Pbx.EdgeSip.Hosting;

namespace Pbx.EdgeSip.Transport.Tls;

/// <summary>
/// The server side of a TLS handshake on an accepted SIP connection (RFC 3261 26.2.1): TLS 1.2 or 1.3 only, the store's
/// current certificate, no client certificate asked (phones authenticate with digest inside the tunnel). A failure is
/// counted by reason and logged with the peer's address, and the socket closed.
/// </summary>
internal sealed partial class SipTlsHandshake
{
    /// <summary>RFC 8996 forbids TLS 1.0 and 1.1; phones and softphones that do TLS at all speak 1.2.</summary>
    public const SslProtocols Protocols = SslProtocols.Tls12 | SslProtocols.Tls13;

    // Kestrel's default: a client that connects and never completes its hello cannot hold a socket and a task for long.
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    private readonly CertificateStore _certificates;
    private readonly TimeProvider _time;
    private readonly ILogger<SipTlsHandshake> _logger;

    public SipTlsHandshake(CertificateStore certificates, TimeProvider time, ILogger<SipTlsHandshake> logger)
    {
        _certificates = certificates;
        _time = time;
        _logger = logger;
    }

    /// <summary>The authenticated stream over <paramref name="socket"/>, or null (socket closed) when the handshake failed.</summary>
    public async Task<SslStream?> AuthenticateAsync(Socket socket, CancellationToken cancellationToken)
    {
        var source = SipStreamConnection.RemoteOf(socket, SipTransportKind.Tls).ToString();
        var stream = new SslStream(SipStreamConnection.OpenStream(socket), leaveInnerStreamOpen: false);
        var options = new SslServerAuthenticationOptions
        {
            ServerCertificateContext = _certificates.Current.Context,
            EnabledSslProtocols = Protocols,
            ClientCertificateRequired = false,
            AllowRenegotiation = false,
        };
        using var deadline = new CancellationTokenSource(Timeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(deadline.Token, cancellationToken);
        string reason;
        Exception failure;
        try
        {
            await stream.AuthenticateAsServerAsync(options, linked.Token).ConfigureAwait(false);
            return stream;
        }
        catch (OperationCanceledException e) when (deadline.IsCancellationRequested)
        {
            (reason, failure) = ("timeout", e);
        }
        catch (AuthenticationException e)
        {
            // No common protocol version or cipher suite, a client that refused our certificate (an alert), or not TLS at all.
            (reason, failure) = ("refused", e);
        }
        catch (Exception e) when (e is IOException or SocketException)
        {
            (reason, failure) = ("closed", e);
        }
        catch (OperationCanceledException)
        {
            await stream.DisposeAsync().ConfigureAwait(false);
            throw;
        }
        await stream.DisposeAsync().ConfigureAwait(false);
        SipMetrics.OnTlsHandshakeFailed(reason);
        LogHandshakeFailed(source, reason, failure.GetBaseException().Message);
        return null;
    }

    [LoggerMessage(3214, LogLevel.Information, "SIP TLS handshake with {Source} failed ({Reason}): {Detail}")]
    private partial void LogHandshakeFailed(string source, string reason, string detail);
}
