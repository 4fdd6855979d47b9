using System.Data.Common;
using Microsoft.Extensions.Hosting;
using Pbx.Audio.Prompts;

namespace Pbx.ApiHost.Apis.Prompts;

/// <summary>
/// At each API host's start: sweeps the library's files that no row names (left by a crash between file and row), then
/// generates the missing system prompts. In a process without the silo the database may not be migrated yet, so a failure
/// of the database is retried until it answers.
/// </summary>
public sealed partial class PromptLibraryStartup(PromptLibrary library, SystemPromptGenerator generator, TimeProvider time, ILogger<PromptLibraryStartup> logger)
    : BackgroundService
{
    private static readonly TimeSpan RetryInterval = TimeSpan.FromSeconds(30);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (true)
        {
            try
            {
                await library.SweepOrphansAsync(stoppingToken);
                await generator.GenerateAsync(stoppingToken);
                return;
            }
            catch (Exception e) when (e is DbException or TimeoutException)
            {
                LogFailed(e, RetryInterval);
                await Task.Delay(RetryInterval, time, stoppingToken);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or UnreadableAudioException)
            {
                // The prompts directory cannot be written (uploads will say so too), or espeak-ng wrote something that is
                // no WAV: the PBX runs on without system prompts rather than stop.
                LogGaveUp(e);
                return;
            }
        }
    }

    [LoggerMessage(EventId = 6117, Level = LogLevel.Error, Message = "The prompts library could not be prepared (Media:PromptsDirectory, Media:EspeakNgPath); system prompts are missing")]
    private partial void LogGaveUp(Exception exception);

    [LoggerMessage(EventId = 6115, Level = LogLevel.Warning, Message = "The prompts library could not be prepared (orphaned files, system prompts); trying again in {Delay}")]
    private partial void LogFailed(Exception exception, TimeSpan delay);
}
