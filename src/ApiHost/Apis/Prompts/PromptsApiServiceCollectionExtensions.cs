namespace Pbx.ApiHost.Apis.Prompts;

/// <summary>Registers the prompts library: its options, files and rows, and the start-up sweep and system prompts.</summary>
public static class PromptsApiServiceCollectionExtensions
{
    public static IServiceCollection AddPromptsApi(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<PromptOptions>().Bind(configuration.GetSection(PromptOptions.Section))
            .Validate(o => !string.IsNullOrWhiteSpace(o.PromptsDirectory), $"{PromptOptions.Section}:PromptsDirectory must not be empty.")
            .Validate(o => o.PromptMaxUploadBytes is >= 1024 and <= 1L << 30,
                $"{PromptOptions.Section}:PromptMaxUploadBytes must be 1024 (1 KiB) to 1073741824 (1 GiB).")
            .ValidateOnStart();
        services.AddSingleton<PromptLibrary>();
        services.AddSingleton<EspeakNg>();
        services.AddSingleton<SystemPromptGenerator>();
        services.AddHostedService<PromptLibraryStartup>();
        return services;
    }
}
