using System.Security.Authentication;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;

namespace Pbx.Silo.Https;

/// <summary>
/// Every <c>https://</c> address in <c>Urls</c> presents the PBX's certificate (without this, Kestrel looks for the .NET
/// developer certificate and refuses to start): TLS 1.2 and 1.3 only (RFC 8996), and the store's current certificate per
/// handshake, so a renewed file serves the next connection without a restart.
/// </summary>
internal sealed class ConfigureKestrelHttps(HttpsCertificate certificate) : IConfigureOptions<KestrelServerOptions>
{
    public void Configure(KestrelServerOptions options) => options.ConfigureHttpsDefaults(https =>
    {
        // Called as an https:// address is bound, so the certificate is loaded (or generated) only when HTTPS is asked for,
        // and a file that cannot be read stops start-up naming its key, before the port is open.
        var store = certificate.Store;
        store.Start();
        https.SslProtocols = SslProtocols.Tls12 | SslProtocols.Tls13;
        // Kestrel requires a certificate or a selector up front; the handshake itself takes the context below instead.
        https.ServerCertificateSelector = (_, _) => store.Current.Leaf;
        https.OnAuthenticate = (_, ssl) =>
        {
            // The context built once per certificate carries the intermediates read from the files (fullchain.pem), where a
            // selected certificate alone would have SslStream build its chain, downloading what the machine's store lacks.
            ssl.ServerCertificateSelectionCallback = null;
            ssl.ServerCertificate = null;
            ssl.ServerCertificateContext = store.Current.Context;
        };
    });
}
