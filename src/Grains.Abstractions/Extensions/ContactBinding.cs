using Orleans;
namespace Pbx.Grains.Extensions;

/// <summary>One registered contact of an extension and how to reach it.</summary>
/// <param name="ContactUri">The Contact URI the phone registered.</param>
/// <param name="Q">Preference 0 to 1 (null = not given, ranks as 1).</param>
/// <param name="ExpiresAt">When the binding lapses unless refreshed.</param>
/// <param name="CallId">Call-ID of the REGISTER that last wrote it.</param>
/// <param name="CSeq">CSeq of the REGISTER that last wrote it.</param>
/// <param name="SourceAddress">IP address the REGISTER came from; requests to the phone go there (NAT).</param>
/// <param name="SourcePort">Port the REGISTER came from.</param>
/// <param name="Transport">Transport of the REGISTER ("udp", "tcp", ...).</param>
/// <param name="EdgeNodeId">Edge node that owns the socket or connection to the phone.</param>
/// <param name="UserAgent">User-Agent of the phone, when it sent one.</param>
/// <param name="Path">Path values (RFC 3327) to use as the route set towards the phone.</param>
/// <param name="InstanceId">RFC 5626 "+sip.instance", when given.</param>
/// <param name="RegisteredAt">When this binding was first added.</param>
[GenerateSerializer, Immutable]
public sealed record ContactBinding(
    string ContactUri,
    double? Q,
    DateTimeOffset ExpiresAt,
    string CallId,
    uint CSeq,
    string SourceAddress,
    int SourcePort,
    string Transport,
    string EdgeNodeId,
    string? UserAgent,
    IReadOnlyList<string> Path,
    string? InstanceId,
    DateTimeOffset RegisteredAt);
