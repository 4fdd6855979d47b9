using Orleans;
namespace Pbx.Grains.Extensions;

/// <summary>A binding as the 200 to a REGISTER lists it: <c>Contact: &lt;uri&gt;;expires=N[;q=Q]</c> (RFC 3261 10.3 step 8).</summary>
/// <param name="ContactUri">The registered contact URI.</param>
/// <param name="ExpiresInSeconds">Seconds left, computed by the grain's clock.</param>
/// <param name="Q">The q-value, when the phone gave one.</param>
[GenerateSerializer, Immutable]
public sealed record RegisteredContact(string ContactUri, int ExpiresInSeconds, double? Q);
