namespace Pbx.EdgeSip.Transport.Tls;

/// <summary>The TLS certificate's files cannot be read or used; the message names the configuration key and the file.</summary>
public sealed class SipCertificateException : Exception
{
    public SipCertificateException(string message)
        : base(message)
    {
    }

    public SipCertificateException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
