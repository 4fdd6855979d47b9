using Pbx.MediaNode.Playback;

namespace Pbx.MediaNode.Hosting;

/// <summary>The tone plans <see cref="MediaOptions.TonePlan"/> may name.</summary>
internal static class TonePlans
{
    public static readonly IReadOnlyList<string> Names = ["Europe", "NorthAmerica", "UnitedKingdom"];

    public static TonePlan? Find(string name) => name switch
    {
        "Europe" => TonePlan.Europe,
        "NorthAmerica" => TonePlan.NorthAmerica,
        "UnitedKingdom" => TonePlan.UnitedKingdom,
        _ => null,
    };
}
