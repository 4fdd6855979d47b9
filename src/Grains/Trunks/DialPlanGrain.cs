using Orleans;
using Orleans.Concurrency;
using Pbx.Grains.Extensions;

namespace Pbx.Grains.Trunks;

/// <summary>
/// "What happens when extension X dials Y", answered by the routing calls use: an extension rings; anything else goes
/// through <see cref="TrunkRouter.PlanOutboundAsync"/>, which dials nothing and counts nothing.
/// </summary>
[StatelessWorker]
public sealed class DialPlanGrain(TrunkRouter router) : Grain, IDialPlanGrain
{
    /// <inheritdoc />
    public async Task<DialTest> TestAsync(string dialled, string extension)
    {
        var plan = await router.PlanOutboundAsync(dialled, extension);
        var permission = plan.Outbound.Permission;
        // As a call does: a number that is an extension rings it, before any dial rule is asked.
        if (await GrainFactory.Grain<IExtensionGrain>(dialled).GetProfileAsync() is not null)
            return new DialTest(DialTestOutcome.Extension, null, null, permission);
        if (plan.Rule is null)
            return new DialTest(DialTestOutcome.NotFound, null, null, permission);
        var outcome = plan.Route?.Outcome switch
        {
            null => DialTestOutcome.TrunkUnavailable,
            RouteOutcome.NotPermitted => DialTestOutcome.NotPermitted,
            RouteOutcome.InvalidNumber => DialTestOutcome.InvalidNumber,
            RouteOutcome.NoRoute => DialTestOutcome.NoRoute,
            _ => DialTestOutcome.Outbound,
        };
        return new DialTest(outcome, plan.Rule, plan.Route, permission);
    }
}
