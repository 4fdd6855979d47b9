using Orleans;

namespace Pbx.Silo.Tests.Grains;

public sealed class ProfileGrain([PersistentState("profile")] IPersistentState<ProfileState> profile) : Grain, IProfileGrain
{
    private bool _dirty;

    public Task SetName(string name)
    {
        profile.State.Name = name;
        return profile.WriteStateAsync();
    }

    public Task SetNameLater(string name)
    {
        profile.State.Name = name;
        _dirty = true;
        return Task.CompletedTask;
    }

    public Task<string?> Name() => Task.FromResult(profile.State.Name);

    public Task<string?> Etag() => Task.FromResult(profile.Etag);

    public Task Clear() => profile.ClearStateAsync();

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken) =>
        _dirty ? profile.WriteStateAsync(cancellationToken) : Task.CompletedTask;
}
