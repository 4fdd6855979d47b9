namespace Pbx.EdgeSip.Parsing;

/// <summary>Why a SIP message was rejected; each value maps to the reason phrase of the 400 (or 505) sent back.</summary>
public enum SipParseError
{
    InvalidStartLine,
    InvalidMethod,
    InvalidRequestUri,
    VersionNotSupported,
    InvalidStatusCode,
    InvalidHeaderLine,
    MissingEmptyLine,
    MessageTooLarge,
    InvalidContentLength,
    MultipleContentLength,
    ContentLengthMissing,
    ContentLengthLargerThanMessage,
    InvalidVia,
    InvalidNameAddress,
    InvalidQuotedString,
    InvalidParameter,
    InvalidCSeq,
    CSeqMethodMismatch,
    InvalidCallId,
    InvalidMaxForwards,
}
