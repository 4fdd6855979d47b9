using System.Net;
using Microsoft.Extensions.Options;
using Pbx.Grains.Media;
using Pbx.MediaNode.Rtp;

namespace Pbx.MediaNode.Hosting;

/// <summary>Checks <see cref="MediaOptions"/> at start-up; each failure names the key and what it accepts.</summary>
internal sealed class MediaOptionsValidator : IValidateOptions<MediaOptions>
{
    public ValidateOptionsResult Validate(string? name, MediaOptions options)
    {
        var failures = new List<string>();
        const string prefix = MediaOptions.SectionName;
        var addressValid = IPAddress.TryParse(options.Address, out var address) && !address.Equals(IPAddress.Any) && !address.Equals(IPAddress.IPv6Any);
        if (!addressValid)
            failures.Add($"{prefix}:Address must be an IP address phones can reach (not 0.0.0.0), got '{options.Address}'");
        if (!IPAddress.TryParse(options.BindAddress, out var bind))
            failures.Add($"{prefix}:BindAddress must be an IP address, got '{options.BindAddress}'");
        else if (addressValid && !bind.Equals(IPAddress.Any) && !bind.Equals(IPAddress.IPv6Any) && IPAddress.IsLoopback(bind) != IPAddress.IsLoopback(address!))
            failures.Add($"{prefix}:BindAddress is {bind} but {prefix}:Address is {address}: RTP phones send to {address} never reaches sockets bound to {bind}. " +
                $"Bind to 0.0.0.0 or to the address phones reach");
        CheckPortRange(options, failures);
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

    /// <summary>The range must hold at least one even/odd pair, each end naming itself when it is the one that is wrong.</summary>
    private static void CheckPortRange(MediaOptions options, List<string> failures)
    {
        const string prefix = MediaOptions.SectionName;
        var (min, max) = (options.RtpPortMin, options.RtpPortMax);
        if (min is < 1024 or > 65534)
            failures.Add($"{prefix}:RtpPortMin must be within 1024-65534, got {min}");
        if (max is < 1025 or > 65535)
            failures.Add($"{prefix}:RtpPortMax must be within 1025-65535, got {max}");
        else if (max < min)
            failures.Add($"{prefix}:RtpPortMax ({max}) is below {prefix}:RtpPortMin ({min}): the range is inverted");
        else if (RtpPortAllocator.PairsIn(min, max) == 0)
            failures.Add($"{prefix}:RtpPortMax ({max}) leaves no even/odd port pair above {prefix}:RtpPortMin ({min}) " +
                $"(RTP on an even port, RTCP on the next odd one): set {prefix}:RtpPortMax to at least {RtpPortAllocator.FirstEvenPort(min) + 1}");
    }
}
