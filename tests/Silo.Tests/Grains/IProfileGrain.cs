using Pbx.Grains.Runtime;

namespace Pbx.Silo.Tests.Grains;

public interface IProfileGrain : IGrainWithStringKey
{
    Task SetName(string name);

    /// <summary>Changes the name in memory only; the write happens in OnDeactivateAsync (write-behind).</summary>
    Task SetNameLater(string name);

    Task<string?> Name();

    Task<string?> Etag();

    Task Clear();

    Task Deactivate();
}
