using Orleans;
namespace Pbx.Grains.Media;

/// <summary>What to play toward an endpoint: a prompt file or a tone.</summary>
/// <param name="PlaybackId">Caller's identifier echoed in <see cref="PlaybackCompleted"/>.</param>
/// <param name="Prompt">WAV file (8 kHz mono 16-bit PCM), relative to the prompts directory or absolute; null for a tone.</param>
/// <param name="Tone">Tone to generate when <paramref name="Prompt"/> is null.</param>
/// <param name="Loop">Repeat until stopped (music on hold); a looped playback never completes by itself.</param>
/// <param name="BargeIn">Stop the playback when the caller presses a DTMF key (the digit is still reported).</param>
[GenerateSerializer, Immutable]
public sealed record PlaybackRequest(string PlaybackId, string? Prompt, MediaTone Tone = MediaTone.None, bool Loop = false, bool BargeIn = false);
