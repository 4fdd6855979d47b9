using Pbx.Grains.Extensions;

namespace Pbx.ApiHost.Apis.Extensions;

/// <summary>One registered phone (device) of an extension, from the registrar's binding in the extension's grain.</summary>
/// <remarks>A phone user sees where its own extension's phones are; of another extension's, the fields that name an address
/// (<paramref name="Contact"/>, <paramref name="SourceAddress"/>, <paramref name="SourcePort"/>, <paramref name="EdgeNode"/>)
/// are null (<see cref="WithoutAddresses"/>).</remarks>
/// <param name="Contact">The Contact URI the phone registered (it holds the phone's address).</param>
/// <param name="SourceAddress">IP address the REGISTER came from: where the PBX sends requests to the phone (NAT).</param>
/// <param name="SourcePort">Port the REGISTER came from.</param>
/// <param name="Transport"><c>udp</c>, <c>tcp</c> or <c>ws</c>.</param>
/// <param name="UserAgent">The phone's User-Agent, when it sent one.</param>
/// <param name="ExpiresAt">When the binding lapses unless the phone registers again.</param>
/// <param name="RegisteredAt">When the binding was first added.</param>
/// <param name="EdgeNode">The SIP edge node that reaches the phone.</param>
/// <param name="ExpiresInSeconds">Seconds left until <paramref name="ExpiresAt"/> when the answer was made (0 once past).</param>
public sealed record ExtensionContact(
    string? Contact, string? SourceAddress, int? SourcePort, string Transport, string? UserAgent, DateTimeOffset ExpiresAt, DateTimeOffset RegisteredAt,
    string? EdgeNode, int ExpiresInSeconds)
{
    /// <summary>The phone without where it is, for users outside the extension's scope.</summary>
    public ExtensionContact WithoutAddresses() => this with { Contact = null, SourceAddress = null, SourcePort = null, EdgeNode = null };

    public static ExtensionContact From(ContactBinding b, DateTimeOffset now) =>
        new(b.ContactUri, b.SourceAddress, b.SourcePort, b.Transport, b.UserAgent, b.ExpiresAt, b.RegisteredAt, b.EdgeNodeId,
            (int)Math.Max(0, Math.Ceiling((b.ExpiresAt - now).TotalSeconds)));
}
