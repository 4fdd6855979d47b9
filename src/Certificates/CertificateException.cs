namespace Pbx.Certificates;

/// <summary>The TLS certificate's files cannot be read or used; the message names the configuration key and the file.</summary>
public sealed class CertificateException : Exception
{
    public CertificateException(string message)
        : base(message)
    {
    }

    public CertificateException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
