namespace Pbx.Silo.Tests.Grains;

public sealed class ProfileState
{
    public string? Name { get; set; }
}
