namespace Pbx.ApiHost.Apis.DialRules;

/// <summary>One outbound dial rule as the API returns it.</summary>
/// <param name="Id">The rule's id.</param>
/// <param name="Group">Extension group it serves; "*" for all.</param>
/// <param name="Prefix">Leading digits a dialled number must have; the longest match wins.</param>
/// <param name="Strip">Leading digits removed.</param>
/// <param name="Prepend">Digits put in front after stripping.</param>
/// <param name="Trunks">Trunk ids tried in order (the next on 5xx, timeout or a full trunk).</param>
public sealed record DialRuleResponse(long Id, string Group, string Prefix, int Strip, string Prepend, string[] Trunks);
