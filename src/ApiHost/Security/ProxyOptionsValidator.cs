using System.Net;
using Microsoft.Extensions.Options;

namespace Pbx.ApiHost.Security;

/// <summary>Every known proxy must be a literal IP address: forwarded headers are matched against the connection's peer address.</summary>
internal sealed class ProxyOptionsValidator : IValidateOptions<ProxyOptions>
{
    public ValidateOptionsResult Validate(string? name, ProxyOptions options)
    {
        var failures = new List<string>();
        for (var i = 0; i < options.KnownProxies.Length; i++)
        {
            if (!IPAddress.TryParse(options.KnownProxies[i], out _))
                failures.Add($"{ProxyOptions.Section}:KnownProxies:{i} must be an IP address (was '{options.KnownProxies[i]}').");
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
