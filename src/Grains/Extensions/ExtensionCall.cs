namespace Pbx.Grains.Extensions;

/// <summary>A call an extension is in, kept by its grain for call waiting and the status page.</summary>
/// <param name="CallId">The call's key.</param>
/// <param name="JoinedAt">When the extension joined it: a call joined before this process started cannot still be up.</param>
public sealed record ExtensionCall(string CallId, DateTimeOffset JoinedAt);
