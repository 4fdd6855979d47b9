using Orleans;
using Orleans.Placement;
using Orleans.Runtime;

namespace Pbx.Silo.Tests.Grains;

// Placed where it is first called from, so a test decides which silo of the cluster hosts it.
[PreferLocalPlacement]
public sealed class NoteGrain([PersistentState("note")] IPersistentState<NoteState> note, ILocalSiloDetails silo) : Grain, INoteGrain
{
    public Task Write(string text)
    {
        note.State.Text = text;
        return note.WriteStateAsync();
    }

    public Task<string?> Read() => Task.FromResult(note.State.Text);

    public Task<string> Silo() => Task.FromResult(silo.SiloAddress.ToParsableString());
}
