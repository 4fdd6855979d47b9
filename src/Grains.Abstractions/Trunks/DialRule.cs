using Orleans;
namespace Pbx.Grains.Trunks;

/// <summary>
/// One outbound dial plan rule: a dialled number starting with <paramref name="Prefix"/>, from an extension of
/// <paramref name="Group"/>, loses <paramref name="Strip"/> leading digits, gains <paramref name="Prepend"/>, and is
/// offered to <paramref name="Trunks"/> in order (the next on 5xx or timeout).
/// </summary>
/// <param name="Group">Extension group the rule serves; "*" for every group.</param>
/// <param name="Prefix">Leading digits the dialled number must have; the longest matching prefix wins.</param>
/// <param name="Strip">How many leading digits to remove (an outside-line "9", say).</param>
/// <param name="Prepend">Digits to put in front after stripping.</param>
/// <param name="Trunks">Trunk ids, tried in this order.</param>
[GenerateSerializer, Immutable]
public sealed record DialRule(string Group, string Prefix, int Strip, string Prepend, IReadOnlyList<string> Trunks);
