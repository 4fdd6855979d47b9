using System.Net;
using Microsoft.Extensions.Options;

namespace Pbx.Silo.Hosting;

/// <summary>Rejects cluster settings that cannot work, naming the key.</summary>
internal sealed class ClusterOptionsValidator : IValidateOptions<PbxClusterOptions>
{
    public ValidateOptionsResult Validate(string? name, PbxClusterOptions options)
    {
        List<string> failures = [];
        if (string.IsNullOrWhiteSpace(options.ClusterId))
            failures.Add($"{PbxClusterOptions.SectionName}:ClusterId must not be empty.");
        if (string.IsNullOrWhiteSpace(options.ServiceId))
            failures.Add($"{PbxClusterOptions.SectionName}:ServiceId must not be empty.");
        if (!IPAddress.TryParse(options.Address, out var address) || address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any))
            failures.Add($"{PbxClusterOptions.SectionName}:Address must be an IP address other silos can reach, not a wildcard (was '{options.Address}').");
        CheckPort(failures, nameof(PbxClusterOptions.SiloPort), options.SiloPort);
        CheckPort(failures, nameof(PbxClusterOptions.GatewayPort), options.GatewayPort);
        if (options.SiloPort == options.GatewayPort)
            failures.Add($"{PbxClusterOptions.SectionName}:SiloPort and GatewayPort must differ (both {options.SiloPort}).");
        if (options.FailureDetection < TimeSpan.FromSeconds(2) || options.FailureDetection > TimeSpan.FromMinutes(10))
            failures.Add($"{PbxClusterOptions.SectionName}:FailureDetection must be between 00:00:02 and 00:10:00 (was {options.FailureDetection}).");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void CheckPort(List<string> failures, string key, int port)
    {
        if (port is < 1 or > 65535)
            failures.Add($"{PbxClusterOptions.SectionName}:{key} must be between 1 and 65535 (was {port}).");
    }
}
