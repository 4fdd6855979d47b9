using Microsoft.Extensions.Options;
using Npgsql;
using Pbx.ApiHost.Auth;
using Microsoft.Extensions.DependencyInjection;

namespace Pbx.ApiHost.Tests;

public sealed class StartupTests
{
    private const string NoDatabase = "Host=127.0.0.1;Port=1;Database=none";

    [Theory]
    [InlineData(JwtOptions.DevelopmentSigningKey, "public development default")]
    [InlineData(null, "is not set")]
    [InlineData("short", "too short")]
    public async Task Production_refuses_to_start_with_a_default_missing_or_short_signing_key(string? key, string reason)
    {
        await using var dataSource = NpgsqlDataSource.Create(NoDatabase);
        await using var app = TestApi.Build(dataSource, "Production", new Dictionary<string, string?> { ["Api:Jwt:SigningKey"] = key });

        var error = await Should.ThrowAsync<OptionsValidationException>(() => app.StartAsync().WaitAsync(TimeSpan.FromSeconds(30)));

        error.Message.ShouldContain("Api:Jwt:SigningKey");
        error.Message.ShouldContain(reason);
    }

    [Theory]
    [InlineData(JwtOptions.DevelopmentSigningKey, "public development default")]
    [InlineData("short", "too short")]
    public async Task Production_refuses_to_start_with_a_public_or_short_previous_signing_key(string key, string reason)
    {
        // A previous key still validates tokens: a weak one lets anyone forge them as surely as a weak current key.
        await using var dataSource = NpgsqlDataSource.Create(NoDatabase);
        await using var app = TestApi.Build(dataSource, "Production", new Dictionary<string, string?>
        {
            ["Api:Jwt:SigningKey"] = TestApi.SigningKey,
            ["Api:Jwt:PreviousSigningKeys:0"] = key,
        });

        var error = await Should.ThrowAsync<OptionsValidationException>(() => app.StartAsync().WaitAsync(TimeSpan.FromSeconds(30)));

        error.Message.ShouldContain("Api:Jwt:PreviousSigningKeys:0");
        error.Message.ShouldContain(reason);
    }

    [Fact]
    public async Task Development_starts_with_the_default_key_when_none_is_set()
    {
        await using var dataSource = NpgsqlDataSource.Create(NoDatabase);
        await using var app = TestApi.Build(dataSource, "Development", new Dictionary<string, string?>());

        await app.StartAsync().WaitAsync(TimeSpan.FromSeconds(30));

        app.Services.GetRequiredService<IOptions<JwtOptions>>().Value.SigningKey.ShouldBe(JwtOptions.DevelopmentSigningKey);
        await app.StopAsync();
    }
}
