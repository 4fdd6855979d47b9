using Pbx.ApiHost.Auth;
using Pbx.Data.Extensions;
using Pbx.Data.Users;

namespace Pbx.Silo.Startup;

/// <summary>
/// First run only (no users yet): an admin user and a few extensions, so a newcomer can sign in and register a
/// phone at once. Generated passwords are printed once to the console and stored only hashed.
/// Runs after the silo's hosted service, so the migrations are in place.
/// </summary>
internal sealed class DemoSeeder(UserRepository users, ExtensionRepository extensions, IConfiguration configuration)
    : IHostedService
{
    private static readonly string[] DemoExtensions = ["1001", "1002", "1003"];

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!configuration.GetValue("Seed:Enabled", true) || await users.AnyAsync(cancellationToken))
            return;

        var configured = configuration["Seed:AdminPassword"];
        var adminPassword = string.IsNullOrEmpty(configured) ? ExtensionRepository.GeneratePassword() : configured;
        await users.CreateAsync("admin", adminPassword, Roles.Admin, cancellationToken: cancellationToken);

        var lines = new List<string> { "First run: demo data created. These passwords are shown only now.", "" };
        lines.Add(string.IsNullOrEmpty(configured) ? $"  web console / API   user admin   password {adminPassword}" : "  web console / API   user admin   password from Seed:AdminPassword");
        foreach (var number in DemoExtensions)
        {
            if (await extensions.AddAsync(number, $"Demo {number}", cancellationToken: cancellationToken) is { } password)
                lines.Add($"  SIP extension       user {number}    password {password}");
        }
        PrintBox(lines);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private static void PrintBox(IEnumerable<string> lines)
    {
        // Straight to the console, not the log: log files are shipped and kept, passwords must not be.
        Console.WriteLine();
        foreach (var line in lines)
            Console.WriteLine("  " + line);
        Console.WriteLine();
    }
}
