using Pbx.Data.DialRules;
using Pbx.Data.DidNumbers;
using Pbx.Data.Extensions;
using Pbx.Data.Trunks;

namespace Pbx.Grains.Trunks;

/// <summary>
/// What call grains route by, from the repositories of each table: trunks, dial rules, DIDs and extensions' outbound
/// settings. Read per call, so an edit through the API applies to the next call without a cache to invalidate.
/// </summary>
public sealed class TrunkCatalog(TrunkRepository trunks, DialRuleRepository dialRules, DidNumberRepository dids, ExtensionRepository extensions)
{
    /// <summary>The enabled trunk <paramref name="trunkId"/>, or null.</summary>
    public Task<TrunkSettings?> FindTrunkAsync(string trunkId) => trunks.FindEnabledAsync(trunkId);

    /// <summary>Every dial rule.</summary>
    public Task<IReadOnlyList<DialRule>> ListDialRulesAsync() => dialRules.ListForRoutingAsync();

    /// <summary>The outbound settings of extension <paramref name="number"/>, or <see cref="ExtensionOutbound.Unknown"/>.</summary>
    public Task<ExtensionOutbound> FindOutboundAsync(string number) => extensions.FindOutboundAsync(number);

    /// <summary>Every DID.</summary>
    public Task<IReadOnlyList<DidDestination>> ListDidsAsync() => dids.ListForRoutingAsync();
}
