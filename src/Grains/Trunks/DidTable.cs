namespace Pbx.Grains.Trunks;

/// <summary>
/// The DIDs keyed by E.164, for inbound routing. Carriers name the called number in different places and formats, so
/// each candidate (Request-URI user, P-Called-Party-ID of RFC 3455, To user, in that order) is normalised with the
/// trunk's number plan before lookup. Pure; loaded from did_numbers.
/// </summary>
public sealed class DidTable
{
    private readonly Dictionary<string, DidDestination> _byNumber = new(StringComparer.Ordinal);
    private readonly NumberPlan _plan;

    public DidTable(IEnumerable<DidDestination> dids, NumberPlan plan)
    {
        _plan = plan;
        foreach (var did in dids)
        {
            var number = NumberNormaliser.Normalise(did.Number, plan);
            if (number.Kind is NumberKind.National or NumberKind.International)
                _byNumber[number.Number] = did;
        }
    }

    /// <summary>Routes a call arriving on <paramref name="trunkId"/> whose called number is one of <paramref name="candidates"/>.</summary>
    /// <param name="trunkId">The trunk the INVITE was identified as coming from.</param>
    /// <param name="candidates">Called-number candidates in order of trust; null or empty entries are skipped.</param>
    public InboundRoute Route(string trunkId, params ReadOnlySpan<string?> candidates)
    {
        var first = string.Empty;
        foreach (var candidate in candidates)
        {
            if (string.IsNullOrEmpty(candidate))
                continue;
            var number = NumberNormaliser.Normalise(candidate, _plan);
            if (number.Kind is not (NumberKind.National or NumberKind.International))
                continue;
            if (first.Length == 0)
                first = number.Number;
            if (!_byNumber.TryGetValue(number.Number, out var did) || (did.TrunkId is not null && did.TrunkId != trunkId))
                continue;
            return did.Kind switch
            {
                "extension" => new InboundRoute(InboundOutcome.Extension, number.Number, did.Kind, did.Target),
                "ivr" => new InboundRoute(InboundOutcome.Menu, number.Number, did.Kind, did.Target),
                null => new InboundRoute(InboundOutcome.UnknownDid, number.Number, null, null),
                _ => new InboundRoute(InboundOutcome.DestinationUnavailable, number.Number, did.Kind, did.Target),
            };
        }
        return new InboundRoute(InboundOutcome.UnknownDid, first, null, null);
    }
}
