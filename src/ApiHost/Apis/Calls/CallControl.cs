using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http.HttpResults;
using Pbx.ApiHost.Problems;
using Pbx.Data.Extensions;
using Pbx.Grains.Calls;
using Orleans;

namespace Pbx.ApiHost.Apis.Calls;

/// <summary>
/// Carries out call actions for the operator routes and the phone page alike: checks numbers and digits, asks the call
/// grain, and turns its <see cref="CallActionResult"/> into the one HTTP answer every route gives for it (404 unknown
/// call, 409 not in this state, 400 arguments the grain refused). An action the call engine does not implement yet throws
/// <see cref="NotSupportedException"/> from the grain and answers 501 here, so each route works the moment the grain
/// method lands.
/// </summary>
internal sealed partial class CallControl(IGrainFactory grains, ExtensionRepository extensions, ILogger<CallControl> logger)
{
    /// <summary>The deflect target that sends a ringing call to the called extension's voicemail box.</summary>
    public const string Voicemail = "voicemail";

    /// <summary>Prefix of the keys of calls the PBX originates (click-to-call).</summary>
    public const string OriginatedPrefix = "c2c-";

    // Anything a trunk's number plan can dial: E.164 with '+', or national/international digits. Shorter strings are
    // extension-like and must name an existing extension.
    [GeneratedRegex("^\\+?[0-9]{5,20}$", RegexOptions.CultureInvariant)]
    private static partial Regex OutsideNumber();

    // RFC 4733 3.2: events 0-15 are the digits 0-9, *, #, A-D.
    [GeneratedRegex("^[0-9*#A-D]{1,32}$", RegexOptions.CultureInvariant)]
    private static partial Regex DtmfDigits();

    /// <summary>
    /// Asks the call grain <paramref name="callId"/> to do <paramref name="action"/>: null when done, otherwise the problem
    /// to answer with.
    /// </summary>
    public async Task<ProblemHttpResult?> ActAsync(string callId, string action, string? user, Func<ICallGrain, Task<CallActionResult>> act)
    {
        CallActionResult result;
        try
        {
            result = await act(grains.GetGrain<ICallGrain>(callId));
        }
        catch (NotSupportedException)
        {
            LogNotSupported(logger, action, callId);
            return ApiProblems.Problem(StatusCodes.Status501NotImplemented, "Not available yet",
                $"The call engine cannot {action} calls yet.", ProblemCodes.NotImplemented);
        }
        LogAction(logger, action, callId, user, result);
        return result switch
        {
            CallActionResult.Done => null,
            CallActionResult.NoSuchCall => ApiProblems.NotFound("call in progress", callId),
            // The API validates what it can (digits, numbers); the grain also knows who is in the call.
            CallActionResult.InvalidArgument => ApiProblems.Problem(StatusCodes.Status400BadRequest, "Invalid request",
                $"The call engine refused '{action}' on call {callId}: a party or value that does not fit the call.", ProblemCodes.FieldInvalid),
            _ => ApiProblems.Conflict($"'{action}' does not apply to call {callId} in its current state.", ProblemCodes.CallActionNotApplicable),
        };
    }

    /// <summary>
    /// Deflects a ringing call to <paramref name="target"/>. Voicemail boxes do not exist yet, so that target answers 501
    /// saying so rather than the grain's "does not apply", which would read as a problem with the call.
    /// </summary>
    public Task<ProblemHttpResult?> DeflectAsync(string callId, string target, string? user) =>
        target == Voicemail
            ? Task.FromResult<ProblemHttpResult?>(ApiProblems.Problem(StatusCodes.Status501NotImplemented, "Not available yet",
                "Voicemail is not available yet: deflect the call to a number.", ProblemCodes.NotImplemented))
            : ActAsync(callId, CallActions.Deflect, user, call => call.DeflectAsync(target));

    /// <summary>Click-to-call on a fresh key: the new call's id, or the problem to answer with.</summary>
    public async Task<(string CallId, ProblemHttpResult? Problem)> OriginateAsync(string from, string to, string? user)
    {
        var callId = OriginatedPrefix + Guid.NewGuid().ToString("N");
        var problem = await ActAsync(callId, CallActions.Originate, user, call => call.OriginateAsync(new OriginateRequest(from, to)));
        return (callId, problem);
    }

    /// <summary>Requires <paramref name="digits"/> to be DTMF tones, naming <paramref name="field"/> otherwise.</summary>
    public static void RequireDigits(string? digits, string field, ValidationErrors errors) =>
        errors.Require(digits is not null && DtmfDigits().IsMatch(digits), field, "must be 1 to 32 of 0-9, *, #, A-D.");

    /// <summary>Requires <paramref name="number"/> to be an existing extension, naming <paramref name="field"/> otherwise.</summary>
    public async Task RequireExtensionAsync(string? number, string field, ValidationErrors errors, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(number))
            errors.Add(field, "is required.");
        else if (!await extensions.ExistsAsync(number, cancellationToken))
            errors.Add(field, $"there is no extension {number}.");
    }

    /// <summary>
    /// Requires <paramref name="number"/> to be something a call can go to: an existing extension or an outside number
    /// (and <see cref="Voicemail"/> when <paramref name="allowVoicemail"/>), naming <paramref name="field"/> otherwise.
    /// </summary>
    public async Task RequireDestinationAsync(string? number, string field, ValidationErrors errors, CancellationToken cancellationToken, bool allowVoicemail = false)
    {
        if (string.IsNullOrWhiteSpace(number))
            errors.Add(field, "is required.");
        else if (!(allowVoicemail && number == Voicemail) && !OutsideNumber().IsMatch(number) && !await extensions.ExistsAsync(number, cancellationToken))
            errors.Add(field, $"must be an extension or an outside number (+ and 5 to 20 digits){(allowVoicemail ? $", or '{Voicemail}'" : "")}; there is no extension {number}.");
    }
}
