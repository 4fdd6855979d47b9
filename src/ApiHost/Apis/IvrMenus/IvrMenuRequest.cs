using Pbx.Data.IvrMenus;

namespace Pbx.ApiHost.Apis.IvrMenus;

/// <summary>An IVR menu as the API takes it; <c>id</c> is read on create only (the path names it on update).</summary>
public sealed record IvrMenuRequest(
    string? Id,
    string? Name,
    string? Number,
    string? Greeting,
    string? InvalidPrompt,
    string? TimeoutPrompt,
    int? TimeoutSeconds,
    int? InterDigitSeconds,
    int? MaxRetries,
    bool? DirectDial,
    Dictionary<string, IvrMenuAction>? Keys,
    IvrMenuAction? Final,
    string? Language = null,
    long? TimeConditionId = null,
    IvrMenuAction? Closed = null);
