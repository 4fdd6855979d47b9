using Microsoft.AspNetCore.Builder;
using Pbx.Silo.Startup;
using Pbx.TestSupport;

namespace Pbx.Silo.Tests.Startup;

/// <summary>The whole PBX host built for a test.</summary>
internal static class TestPbx
{
    /// <summary>The PBX of <paramref name="roles"/> as <see cref="PbxApplication"/> builds it, on loopback ports the system picks, over a fresh database; <paramref name="settings"/> (<c>--Key=value</c>) win.</summary>
    public static WebApplication Build(RoleOptions roles, params string[] settings)
    {
        string[] args =
        [
            $"--Database:ConnectionString={PostgresServer.Shared.CreateDatabase("banner")}",
            "--Urls=http://127.0.0.1:0",
            "--Seed:Enabled=false",
            "--Log:Level=Warning",
            "--Api:Jwt:SigningKey=test-signing-key-of-more-than-thirty-two-bytes",
            "--Sip:Udp:0=127.0.0.1:0",
            "--Sip:Tcp:0=127.0.0.1:0",
            "--Media:BindAddress=127.0.0.1",
            "--Media:RtpPortMin=42000",
            "--Media:RtpPortMax=42099",
            $"--Cdrs:JournalDirectory={Path.Combine(Path.GetTempPath(), "pbx-banner-journal", Guid.NewGuid().ToString("N"))}",
            .. FreePort.LoneSilo().Select(setting => $"--{setting.Key}={setting.Value}"),
            .. settings,
        ];
        return PbxApplication.Build(PbxApplication.CreateBuilder(args), roles);
    }
}
