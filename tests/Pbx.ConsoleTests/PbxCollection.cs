namespace Pbx.ConsoleTests;

/// <summary>One embedded PBX and one browser for every test class: starting them is the slow part.</summary>
[CollectionDefinition(Name)]
public sealed class PbxCollection : ICollectionFixture<EmbeddedPbx>, ICollectionFixture<Browser>
{
    public const string Name = "embedded PBX";
}
