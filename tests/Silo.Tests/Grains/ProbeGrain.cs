using Orleans;
using Pbx.Grains.Live;

namespace Pbx.Silo.Tests.Grains;

public sealed class ProbeGrain(ILiveEvents events) : Grain, IProbeGrain
{
    private readonly Guid _activationId = Guid.NewGuid();

    public Task<Guid> ActivationId() => Task.FromResult(_activationId);

    public Task Sleep(TimeSpan duration) => Task.Delay(duration);

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        TestEvents.Publish(events, this.GetPrimaryKeyString(), "deactivated", reason.ReasonCode.ToString());
        return Task.CompletedTask;
    }
}
