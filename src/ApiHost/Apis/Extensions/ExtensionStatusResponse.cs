using Pbx.ApiHost.Apis.Calls;

namespace Pbx.ApiHost.Apis.Extensions;

/// <summary>An extension's live state, from its grain: where its phones are registered and which calls it is in.</summary>
/// <param name="Id">The extension's id.</param>
/// <param name="Number">The extension number.</param>
/// <param name="Enabled">False when an administrator disabled it (it then has no contacts).</param>
/// <param name="Registered">At least one phone is registered.</param>
/// <param name="Contacts">The registered phones, most preferred first.</param>
/// <param name="InCall">The extension is in at least one call.</param>
/// <param name="Calls">The calls it is in, oldest first, with the actions the signed-in user may take on each.</param>
public sealed record ExtensionStatusResponse(
    long Id, string Number, bool Enabled, bool Registered, IReadOnlyList<ExtensionContact> Contacts, bool InCall, IReadOnlyList<ActiveCall> Calls);
