namespace Pbx.Silo.Tests.Grains;

public sealed class NoteState
{
    public string? Text { get; set; }
}
