using Pbx.Certificates;

namespace Pbx.Silo.Https;

/// <summary>
/// The certificate store HTTPS presents from: the machine's (the one SIP over TLS uses, shared, not owned) or, with
/// <c>Https:Certificate:Path</c> set, one of its own, which this disposes.
/// </summary>
internal sealed class HttpsCertificate(CertificateStore store, bool owned) : IDisposable
{
    public CertificateStore Store => store;

    public void Dispose()
    {
        if (owned)
            store.Dispose();
    }
}
