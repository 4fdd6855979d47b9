namespace Pbx.EdgeSip.Parsing;

/// <summary>A message that breaks the RFC 3261 grammar; <see cref="ReasonPhrase"/> is what the 400 says.</summary>
public sealed class SipParseException : Exception
{
    public SipParseException(SipParseError error, string excerpt)
        : base($"{SipParseErrors.Describe(error)}: '{excerpt}'")
    {
        Error = error;
        Excerpt = excerpt;
    }

    /// <summary>The rule that was broken.</summary>
    public SipParseError Error { get; }

    /// <summary>A short, escaped piece of the input around the fault (safe to log).</summary>
    public string Excerpt { get; }

    /// <summary>Reason phrase for the error response, naming the problem.</summary>
    public string ReasonPhrase => SipParseErrors.Describe(Error);

    /// <summary>RFC 3261 21.5.6: an unknown SIP version is 505; every other syntax fault is 400.</summary>
    public int StatusCode => Error == SipParseError.VersionNotSupported ? 505 : 400;
}
