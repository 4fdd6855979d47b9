using Orleans;
namespace Pbx.Grains.Calls;

/// <summary>A click-to-call: the PBX rings <paramref name="From"/>'s phones first, then calls <paramref name="To"/>.</summary>
/// <param name="From">Extension number whose phones ring first.</param>
/// <param name="To">Number dialled once From answers (an extension, or an outside number through the dial plan).</param>
[GenerateSerializer, Immutable]
public sealed record OriginateRequest(string From, string To);
