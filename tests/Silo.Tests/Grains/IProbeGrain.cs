using Orleans;

namespace Pbx.Silo.Tests.Grains;

/// <summary>Shows how the Runtime settings act on an activation: its identity, a slow call, its deactivation (a "test" live event).</summary>
public interface IProbeGrain : IGrainWithStringKey
{
    /// <summary>Identity of the activation that served the call.</summary>
    Task<Guid> ActivationId();

    Task Sleep(TimeSpan duration);
}
