using System.Net;
using Microsoft.Extensions.Options;
using Pbx.Grains.Media;

namespace Pbx.MediaNode.Hosting;

/// <summary>Checks <see cref="MediaOptions"/> at start-up; each failure names the key and what it accepts.</summary>
internal sealed class MediaOptionsValidator : IValidateOptions<MediaOptions>
{
    public ValidateOptionsResult Validate(string? name, MediaOptions options)
    {
        var failures = new List<string>();
        const string prefix = MediaOptions.SectionName;
        if (!IPAddress.TryParse(options.Address, out var address) || address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any))
            failures.Add($"{prefix}:Address must be an IP address phones can reach (not 0.0.0.0), got '{options.Address}'");
        if (!IPAddress.TryParse(options.BindAddress, out _))
            failures.Add($"{prefix}:BindAddress must be an IP address, got '{options.BindAddress}'");
        if (options.RtpPortMin is < 1024 or > 65534)
            failures.Add($"{prefix}:RtpPortMin must be within 1024-65534, got {options.RtpPortMin}");
        if (options.RtpPortMax is < 1025 or > 65535 || options.RtpPortMax < options.RtpPortMin + 1)
            failures.Add($"{prefix}:RtpPortMax must be within 1025-65535 and leave room for one even/odd pair above RtpPortMin, got {options.RtpPortMax}");
        if (options.MediaTimeout <= TimeSpan.Zero || options.MediaTimeout > TimeSpan.FromHours(1))
            failures.Add($"{prefix}:MediaTimeout must be between 00:00:00 and 01:00:00 (exclusive of zero), got {options.MediaTimeout}");
        if (string.IsNullOrWhiteSpace(options.RecordingsDirectory))
            failures.Add($"{prefix}:RecordingsDirectory must name a directory");
        if (string.IsNullOrWhiteSpace(options.PromptsDirectory))
            failures.Add($"{prefix}:PromptsDirectory must name a directory");
        if (options.NodeId.Length > 0 && !MediaEndpointId.IsValidNodeId(options.NodeId))
            failures.Add($"{prefix}:NodeId must be 1-{MediaEndpointId.MaxNodeIdLength} letters, digits, '-', '_' or '.', got '{options.NodeId}'");
        if (options.RegistrationInterval < TimeSpan.FromMilliseconds(100) || options.RegistrationInterval > TimeSpan.FromMinutes(1))
            failures.Add($"{prefix}:RegistrationInterval must be between 00:00:00.1 and 00:01:00, got {options.RegistrationInterval}");
        if (TonePlans.Find(options.TonePlan) is null)
            failures.Add($"{prefix}:TonePlan must be one of {string.Join(", ", TonePlans.Names)}, got '{options.TonePlan}'");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
