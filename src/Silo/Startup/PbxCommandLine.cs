using System.CommandLine;

namespace Pbx.Silo.Startup;

/// <summary>The pbx command: run the PBX (default), or administer it from a shell.</summary>
internal static class PbxCommandLine
{
    public static RootCommand Build()
    {
        var root = new RootCommand("Open-source PBX: SIP edge, media node, grains and API in one process (roles: section Roles).")
        {
            // ASP.NET options such as --urls or --Sip:Udp:0=... pass through to configuration.
            TreatUnmatchedTokensAsErrors = false,
        };
        root.SetAction((result, cancellationToken) => PbxApplication.RunAsync(result.UnmatchedTokens.ToArray(), cancellationToken));
        root.Subcommands.Add(AdminCommands.CreateAdmin());
        root.Subcommands.Add(AdminCommands.Extension());
        root.Subcommands.Add(AdminCommands.Migrate());
        return root;
    }
}
