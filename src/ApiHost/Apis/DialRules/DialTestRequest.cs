namespace Pbx.ApiHost.Apis.DialRules;

/// <summary>"What happens when <paramref name="Extension"/> dials <paramref name="Number"/>".</summary>
/// <param name="Number">What is dialled: 1 to 32 of digits, '*', '#', '+'.</param>
/// <param name="Extension">The extension that dials (its group picks the rules, its class what it may reach).</param>
public sealed record DialTestRequest(string? Number, string? Extension);
