using System.Globalization;
using Pbx.Data.Trunks;
using Pbx.Grains.Trunks;

namespace Pbx.Grains.Calls.Rules;

/// <summary>The addresses of an outbound call's carrier leg (<see cref="CarrierLegRule.Build"/>).</summary>
/// <param name="RequestUri">Where the INVITE goes: the number in the carrier's format at the trunk's host and port.</param>
/// <param name="ToUri">The called party as the carrier sees it.</param>
/// <param name="Identity">The caller as the PBX asserts it to the carrier (P-Asserted-Identity, RFC 3325 9.1).</param>
/// <param name="FromUri">The From: the identity, or anonymous when the trunk withholds it (RFC 3323 4.1.1.3).</param>
/// <param name="CallerDisplay">The display name the carrier gets with the From.</param>
public sealed record CarrierLeg(string RequestUri, string ToUri, string Identity, string FromUri, string CallerDisplay);

/// <summary>
/// How an outbound call presents itself to a carrier: the dialled number and the caller ID in the carrier's number format,
/// the caller ID chosen as Asterisk and FreeSWITCH do by default, and privacy honoured.
/// </summary>
public static class CarrierLegRule
{
    // RFC 3323 4.1.1.3: the From of a call whose identity is withheld.
    public const string AnonymousUri = "sip:anonymous@anonymous.invalid";

    /// <summary>The carrier leg of <paramref name="call"/> on <paramref name="trunk"/>, for a call from <paramref name="caller"/> shown as <paramref name="callerDisplay"/>.</summary>
    public static CarrierLeg Build(TrunkSettings trunk, TrunkCallState call, string caller, string callerDisplay)
    {
        var number = NumberNormaliser.ToCarrierFormat(call.Number, trunk.Plan);
        var identity = $"sip:{NumberNormaliser.ToCarrierFormat(PresentedNumber(trunk, call, caller), trunk.Plan)}@{trunk.Host}";
        var port = trunk.Port.ToString(CultureInfo.InvariantCulture);
        var requestUri = trunk.Transport == "tcp" ? $"sip:{number}@{trunk.Host}:{port};transport=tcp" : $"sip:{number}@{trunk.Host}:{port}";
        return new CarrierLeg(requestUri, $"sip:{number}@{trunk.Host}", identity, trunk.Privacy ? AnonymousUri : identity,
            trunk.Privacy ? "Anonymous" : callerDisplay);
    }

    /// <summary>
    /// Caller ID: a call from a trunk that goes back out presents its original caller, so the mobile a desk phone forwards
    /// to sees who is calling (a withheld or invalid caller falls back to the forwarding extension's). Otherwise the
    /// extension's outbound number, else the trunk's default number, else the extension number itself.
    /// </summary>
    public static string PresentedNumber(TrunkSettings trunk, TrunkCallState call, string caller)
    {
        if (call.Inbound is not null && NumberNormaliser.Normalise(caller, trunk.Plan) is { Kind: NumberKind.National or NumberKind.International } original)
            return original.Number;
        var configured = call.CallerId ?? trunk.DefaultCallerId;
        return configured is not null && NumberNormaliser.Normalise(configured, trunk.Plan) is { Kind: NumberKind.National or NumberKind.International } number
            ? number.Number
            : caller;
    }
}
