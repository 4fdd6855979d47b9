using System.Globalization;
using Microsoft.Extensions.Options;
using Pbx.EdgeSip.Auth;
using Pbx.EdgeSip.Hosting;
using Pbx.EdgeSip.Parsing;
using Pbx.Grains.Extensions;

namespace Pbx.EdgeSip.Registrar;

/// <summary>
/// The REGISTER transaction user (RFC 3261 section 10.3): source-address lockout, digest challenge and check (RFC 7616,
/// RFC 8760; <see cref="SipDigestLogin"/> answers unknown numbers as wrong passwords), per-extension lockout, then the
/// extension grain applies the binding rules and the answer goes back with every binding and its remaining expiry.
/// </summary>
public sealed partial class SipRegistrar(
    KnownExtensions known,
    DigestAuthenticator digest,
    SipDigestLogin login,
    IOptions<SipRegistrarOptions> options,
    TimeProvider time) : ISipRequestHandler
{
    private const string PathHeader = "Path";

    private readonly string _edgeNodeId = options.Value.EdgeNodeId;

    /// <inheritdoc />
    public string Method => "REGISTER";

    /// <summary>Answers one REGISTER server transaction.</summary>
    public async Task HandleAsync(SipServerContext context, CancellationToken cancellationToken)
    {
        var request = context.Request;
        var address = context.Source.Remote.Address;
        // A guessing source is refused before any grain call or hash, so it cannot load the cluster.
        if (login.SourceLocked(context))
        {
            await RespondAsync(context, 403, "Forbidden");
            return;
        }
        // RFC 3261 10.3 step 3: the To header carries the address-of-record; its user part is the extension number.
        var number = request.To?.Uri.User;
        if (string.IsNullOrEmpty(number))
        {
            await RespondAsync(context, 404, "Not Found");
            return;
        }
        var authorization = request.Get(SipHeaderId.Authorization);
        // RFC 3261 22.1: the challenge carries only the realm and a stateless nonce, so for an extension already seen to
        // exist it needs no grain call. Disabled or locked-out extensions are refused on the answer, which needs the grain.
        if (authorization is null && known.RealmOf(number) is { } realm)
        {
            await context.ChallengeAsync(digest, realm, stale: false, asProxy: false);
            return;
        }
        var grain = known.Grain(number);
        var stored = await grain.GetCredentialsAsync(address.ToString());
        known.Observe(number, grain, stored);
        if (await login.VerifyAsync(context, number, grain, stored, asProxy: false))
            await RegisterAsync(context, grain);
    }

    private async Task RegisterAsync(SipServerContext context, IExtensionGrain grain)
    {
        var request = RegisterRequestReader.Read(context.Request, context.Source, _edgeNodeId);
        if (request is null)
        {
            await RespondAsync(context, 400, "Invalid Contact");
            return;
        }
        var outcome = await grain.RegisterAsync(request);
        SipMetrics.OnRegistration(outcome.Result.ToString());
        var (status, reason) = RegisterReply.For(outcome.Result);
        var response = context.CreateResponse(status, reason);
        switch (outcome.Result)
        {
            case RegisterResult.Ok:
                // RFC 3261 10.3 step 8: every current binding with its expires parameter, and a Date header.
                foreach (var binding in outcome.Bindings)
                    response.Add(SipHeaderId.Contact, ContactValue(binding));
                response.Add(SipHeaderId.Date, time.GetUtcNow().ToString("r", CultureInfo.InvariantCulture));
                // RFC 3327 5.3: the registrar copies the stored Path values into the 200.
                foreach (var path in request.Path)
                    response.Add(PathHeader, path);
                break;
            case RegisterResult.IntervalTooBrief:
                // RFC 3261 10.3 step 6: 423 carries Min-Expires.
                response.Add(SipHeaderId.MinExpires, outcome.MinExpires.ToString(CultureInfo.InvariantCulture));
                break;
        }
        await context.RespondAsync(response);
    }

    private static string ContactValue(RegisteredContact binding)
    {
        var value = $"<{binding.ContactUri}>;expires={binding.ExpiresInSeconds.ToString(CultureInfo.InvariantCulture)}";
        return binding.Q is { } q ? $"{value};q={q.ToString("0.###", CultureInfo.InvariantCulture)}" : value;
    }

    private static Task RespondAsync(SipServerContext context, int status, string reason) => context.RespondAsync(status, reason);
}
