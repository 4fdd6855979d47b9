using Orleans;

namespace Pbx.Silo.Tests.Grains;

/// <summary>A persistent grain that is placed on the silo that first calls it and tells which silo it runs on.</summary>
public interface INoteGrain : IGrainWithStringKey
{
    Task Write(string text);

    Task<string?> Read();

    /// <summary>The address of the silo this activation runs on (<c>SiloAddress.ToParsableString()</c>).</summary>
    Task<string> Silo();
}
