using Pbx.Grains.Extensions;

namespace Pbx.EdgeSip.Registrar;

/// <summary>Every registrar outcome mapped to one response status and reason (RFC 3261 section 10.3), in one table.</summary>
internal static class RegisterReply
{
    public static (int Status, string Reason) For(RegisterResult result) => result switch
    {
        RegisterResult.Ok => (200, "OK"),
        RegisterResult.IntervalTooBrief => (423, "Interval Too Brief"),
        // Permanent until bindings expire or are removed: retrying later as 503 suggests would not help.
        RegisterResult.TooManyContacts => (403, "Too Many Contacts"),
        RegisterResult.InvalidWildcard => (400, "Invalid Wildcard Contact"),
        // Step 7 says only that "the request fails"; 500 tells the phone the registrar could not apply it, like Kamailio.
        RegisterResult.OutOfOrder => (500, "Out Of Order Request"),
        RegisterResult.NotFound => (404, "Not Found"),
        RegisterResult.Disabled => (403, "Extension Disabled"),
        _ => throw new ArgumentOutOfRangeException(nameof(result), result, "Unknown registrar outcome."),
    };
}
