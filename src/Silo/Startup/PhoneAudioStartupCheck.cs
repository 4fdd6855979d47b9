using Microsoft.Extensions.Options;
using Pbx.EdgeSip.Hosting;
using Pbx.MediaNode.Hosting;
using System.Net;

namespace Pbx.Silo.Startup;

/// <summary>
/// Runs <see cref="PhoneAudioCheck"/> before anything binds a port (registered first, in a process with both the edge and
/// the media role): a problem that stops start-up fails it as invalid configuration, the others are logged as warnings.
/// </summary>
internal sealed partial class PhoneAudioStartupCheck(IOptions<SipOptions> sip, IOptions<MediaOptions> media, ILogger<PhoneAudioStartupCheck> logger)
    : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        var problems = PhoneAudioCheck.Check(SipListener.From(sip.Value), IPAddress.Parse(media.Value.Address), HostNetwork.Primary());
        foreach (var warning in problems.Where(p => !p.StopsStartup))
            LogWarning(warning.Message);
        var errors = problems.Where(p => p.StopsStartup).Select(p => p.Message).ToList();
        if (errors.Count > 0)
            throw new OptionsValidationException(MediaOptions.SectionName, typeof(MediaOptions), errors);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(EventId = 1100, Level = LogLevel.Warning, Message = "{Problem}")]
    private partial void LogWarning(string problem);
}
