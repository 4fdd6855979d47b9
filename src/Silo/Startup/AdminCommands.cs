using System.CommandLine;
using Pbx.ApiHost.Auth;
using Pbx.Data.Extensions;
using Pbx.Data.Users;
using Pbx.Grains.Extensions;
using Pbx.Silo.Hosting;
using Pbx.Silo.Persistence;

namespace Pbx.Silo.Startup;

/// <summary>Shell commands that administer the PBX through its database (migrated first), without starting any role.</summary>
internal static class AdminCommands
{
    public static Command CreateAdmin()
    {
        var username = new Option<string>("--username") { Description = "Login name", DefaultValueFactory = _ => "admin" };
        var password = new Option<string?>("--password") { Description = "Password; generated and printed once when omitted" };
        var command = new Command("create-admin", "Create an admin user, or reset the password of an existing one") { username, password };
        command.SetAction((result, cancellationToken) => WithServicesAsync(async services =>
        {
            var name = result.GetValue(username)!;
            var given = result.GetValue(password);
            var secret = string.IsNullOrEmpty(given) ? ExtensionRepository.GeneratePassword() : given;
            var repository = services.GetRequiredService<UserRepository>();
            var created = await repository.CreateAsync(name, secret, Roles.Admin, cancellationToken: cancellationToken) is not null;
            if (!created && !await repository.SetPasswordAsync(name, secret, cancellationToken))
                return Fail($"could not create or update user '{name}'");
            Console.WriteLine(created ? $"admin '{name}' created" : $"user '{name}' exists: password reset");
            if (string.IsNullOrEmpty(given))
                Console.WriteLine($"password: {secret}");
            return 0;
        }));
        return command;
    }

    public static Command Extension()
    {
        var number = new Argument<string>("number") { Description = "Extension number, e.g. 1004" };
        // Named as the API's field (displayName); --name, the option's first spelling, still works in existing scripts.
        var displayName = new Option<string?>("--display-name", "--name") { Description = "Display name, as the API's displayName" };
        var password = new Option<string?>("--password") { Description = "SIP password; generated and printed once when omitted" };
        var add = new Command("add", "Create an extension (its SIP password is stored only as HA1)") { number, displayName, password };
        add.SetAction((result, cancellationToken) => WithServicesAsync(async services =>
        {
            var given = result.GetValue(password);
            var generated = await services.GetRequiredService<ExtensionRepository>()
                .AddAsync(result.GetValue(number)!, result.GetValue(displayName), given, cancellationToken);
            if (generated is null)
                return Fail($"extension {result.GetValue(number)} already exists");
            Console.WriteLine($"extension {result.GetValue(number)} created");
            if (string.IsNullOrEmpty(given))
                Console.WriteLine($"SIP password: {generated}");
            return 0;
        }));
        return new Command("extension", "Manage extensions") { add };
    }

    public static Command Migrate()
    {
        var command = new Command("migrate", "Apply pending database migrations and exit");
        command.SetAction((_, _) => WithServicesAsync(_ =>
        {
            Console.WriteLine("database is up to date");
            return Task.FromResult(0);
        }));
        return command;
    }

    /// <summary>Builds the services the commands share, applies migrations, runs <paramref name="action"/>.</summary>
    private static async Task<int> WithServicesAsync(Func<IServiceProvider, Task<int>> action)
    {
        var builder = PbxApplication.CreateBuilder([]);
        builder.Services.AddSilo(builder.Configuration);
        builder.Services.AddExtensions(builder.Configuration);
        await using var services = builder.Services.BuildServiceProvider();
        var code = 1;
        var status = await PbxApplication.RunGuardedAsync(async () =>
        {
            await services.GetRequiredService<MigrationRunner>().RunAsync(CancellationToken.None);
            code = await action(services);
        });
        return status == 0 ? code : status;
    }

    private static int Fail(string message)
    {
        Console.Error.WriteLine($"pbx: {message}");
        return 1;
    }
}
