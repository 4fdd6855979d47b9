namespace Pbx.ApiHost.Apis.DialRules;

/// <summary>A dial rule to create or replace.</summary>
/// <param name="Group">Extension group; default "*" (every group).</param>
/// <param name="Prefix">1 to 16 of digits, '*', '#', '+'.</param>
/// <param name="Strip">0 to 16 leading digits to remove; default 0.</param>
/// <param name="Prepend">0 to 16 of digits and '+'; default empty.</param>
/// <param name="Trunks">Existing trunk ids in the order they are tried; at least one.</param>
public sealed record DialRuleRequest(string? Group, string? Prefix, int? Strip, string? Prepend, string[]? Trunks);
