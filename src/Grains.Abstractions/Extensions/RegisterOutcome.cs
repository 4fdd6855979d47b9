using Orleans;
namespace Pbx.Grains.Extensions;

/// <summary>The registrar's answer to a REGISTER; the edge turns it into a response (see <see cref="RegisterResult"/>).</summary>
/// <param name="Result">Accepted or why not.</param>
/// <param name="Bindings">When accepted: every binding now in force, for the 200's Contact header values. Empty otherwise.</param>
/// <param name="MinExpires">The registrar's minimum interval in seconds, for the 423's Min-Expires header.</param>
[GenerateSerializer, Immutable]
public sealed record RegisterOutcome(RegisterResult Result, IReadOnlyList<RegisteredContact> Bindings, int MinExpires)
{
    /// <summary>A refusal that lists no bindings.</summary>
    public static RegisterOutcome Rejected(RegisterResult result, int minExpires) => new(result, [], minExpires);
}
