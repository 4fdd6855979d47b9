using Microsoft.AspNetCore.DataProtection;

namespace Pbx.ApiHost.Apis.Trunks;

/// <summary>Registers the trunk API's password protection.</summary>
public static class TrunksApiServiceCollectionExtensions
{
    /// <summary>
    /// Adds Data Protection with keys persisted in <c>Trunks:KeysDirectory</c> (default: <c>keys</c> under the content
    /// root), so passwords stored by one node can be read by the others and after a restart.
    /// </summary>
    public static IServiceCollection AddTrunksApi(this IServiceCollection services, IConfiguration configuration)
    {
        var directory = configuration["Trunks:KeysDirectory"] is { Length: > 0 } configured ? configured : Path.Combine(AppContext.BaseDirectory, "keys");
        services.AddDataProtection().SetApplicationName("pbx").PersistKeysToFileSystem(new DirectoryInfo(directory));
        services.AddSingleton<TrunkPasswordProtector>();
        return services;
    }
}
