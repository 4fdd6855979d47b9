namespace Pbx.ApiHost.Apis.Me;

/// <summary>The signed-in user's console preferences.</summary>
/// <param name="Language">en, ru or uz; null until the user chose one.</param>
public sealed record UserPreferences(string? Language);
