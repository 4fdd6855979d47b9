namespace Pbx.Data.Extensions;

/// <summary>An extension's row in the <c>extensions</c> table.</summary>
/// <param name="Number">The extension number (also the digest username).</param>
/// <param name="DisplayName">Name shown to callees.</param>
/// <param name="Realm">Digest realm the HA1 values belong to.</param>
/// <param name="Ha1Md5">MD5 HA1, lower-case hex.</param>
/// <param name="Ha1Sha256">SHA-256 HA1, lower-case hex.</param>
/// <param name="Enabled">False when disabled by an administrator.</param>
/// <param name="MaxContacts">How many contacts may be registered at once (1 to 100).</param>
/// <param name="SettingsJson">The settings jsonb column as JSON text (forwarding, DND, voicemail...).</param>
public sealed record ExtensionConfiguration(
    string Number,
    string DisplayName,
    string Realm,
    string Ha1Md5,
    string Ha1Sha256,
    bool Enabled,
    int MaxContacts,
    string SettingsJson);
