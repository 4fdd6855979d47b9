using Orleans;
namespace Pbx.Grains.Calls;

/// <summary>A dialog named by a Replaces header or Refer-To parameter (RFC 3891 section 6.1), as the transferor sees it.</summary>
/// <param name="CallId">Call-ID of the dialog.</param>
/// <param name="ToTag">to-tag parameter.</param>
/// <param name="FromTag">from-tag parameter.</param>
[GenerateSerializer, Immutable]
public sealed record ReplacesDialog(string CallId, string ToTag, string FromTag);
