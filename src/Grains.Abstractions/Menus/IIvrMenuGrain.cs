using Orleans;
using Orleans.Concurrency;

namespace Pbx.Grains.Menus;

/// <summary>
/// One IVR menu (key = its id), its definition loaded from PostgreSQL once and served from memory to every call in it.
/// The API tells it when the menu changes, so the next caller meets the new one.
/// </summary>
public interface IIvrMenuGrain : IGrainWithStringKey
{
    /// <summary>The menu as callers meet it; null when there is no such menu.</summary>
    [ReadOnly]
    Task<MenuDefinition?> GetAsync();

    /// <summary>The menu was changed or deleted: it is read again for the next caller.</summary>
    Task ForgetAsync();
}
