using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Pbx.ApiHost.Apis.Calls;
using Pbx.ApiHost.Auth;
using Pbx.ApiHost.Hubs;
using Pbx.ApiHost.Problems;
using Pbx.Data.Extensions;
using Pbx.Grains.Extensions;
using Orleans;

namespace Pbx.ApiHost.Apis.Extensions;

public static partial class ExtensionsApi
{
    /// <summary>The state shown for a call the grain lists but whose live events this API host has not seen.</summary>
    internal const string UnseenCallState = "in-progress";

    /// <summary>
    /// Registration and call state from the extension's grain, the registrar's own record (not the database's copy, which
    /// is written behind). The grain lists the calls; the live board adds what each looks like, as the API host saw its events.
    /// Of an extension outside the reader's scope (a phone user's but its own), the phones come without their addresses and
    /// the calls are not listed (<c>inCall</c> still says whether it is in one).
    /// </summary>
    internal static async Task<Results<Ok<ExtensionStatusResponse>, ProblemHttpResult>> GetStatusAsync(
        long id, ExtensionRepository extensions, IGrainFactory grains, LiveCallBoard board, ClaimsPrincipal user, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        if (await extensions.GetAsync(id, cancellationToken) is not { } extension)
            return ApiProblems.NotFound("extension", id);
        var status = await grains.GetGrain<IExtensionGrain>(extension.Number).GetStatusAsync();
        if (!status.Exists)
            return ApiProblems.NotFound("extension", id);
        var full = StatusOf(id, status, board, UserScope.MayAct(user), clock.GetUtcNow());
        return TypedResults.Ok(UserScope.Of(user).Covers(status.Number)
            ? full
            : full with { Contacts = [.. full.Contacts.Select(c => c.WithoutAddresses())], Calls = [] });
    }

    internal static ExtensionStatusResponse StatusOf(long id, ExtensionStatus status, LiveCallBoard board, bool mayAct, DateTimeOffset now)
    {
        var contacts = status.Bindings.Select(b => ExtensionContact.From(b, now)).ToList();
        var seen = board.ActiveCalls().ToDictionary(e => e.Key, StringComparer.Ordinal);
        // A call that started before this API host did has sent it no event yet: it is listed with what the grain knows.
        var calls = (status.ActiveCalls ?? [])
            .Select(key => seen.TryGetValue(key, out var e) ? CallActionsApi.ToActiveCall(e, mayAct) : new ActiveCall(key, UnseenCallState, null, null, null, null, []))
            .ToList();
        return new ExtensionStatusResponse(id, status.Number, status.Enabled, contacts.Count > 0, contacts, calls.Count > 0, calls);
    }
}
