using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Providers;
using Orleans.Storage;
using Pbx.Silo.Hosting;
using Pbx.Silo.Persistence;
using Shouldly;
using Xunit;

namespace Pbx.Silo.Tests;

/// <summary>What AddSilo registers, checked on the container alone (no silo started).</summary>
public sealed class SiloRegistrationTests
{
    [Fact]
    public async Task GrainStateStorage_serves_both_PersistentState_without_a_provider_name_and_the_Default_provider()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Database:ConnectionString"] = "Host=127.0.0.1;Username=pbx;Database=unused" })
            .Build();
        var services = new ServiceCollection().AddLogging();
        services.AddSilo(configuration);
        await using var provider = services.BuildServiceProvider();

        var storage = provider.GetRequiredService<GrainStateStorage>();

        provider.GetKeyedService<IGrainStorage>(ProviderConstants.DEFAULT_STORAGE_PROVIDER_NAME).ShouldBeSameAs(storage);
        // Orleans 10.4.2 (PersistentStateFactory) resolves [PersistentState("name")] with no storage name as the unkeyed
        // IGrainStorage: without it every such grain (ExtensionGrain, CallGrain, CallLegGrain) fails to activate with
        // "No default storage provider found".
        provider.GetService<IGrainStorage>().ShouldBeSameAs(storage,
            "AddSilo must also register the unkeyed IGrainStorage: silo.Services.AddSingleton<IGrainStorage>(sp => sp.GetRequiredService<GrainStateStorage>())");
    }
}
