namespace Pbx.ApiHost.Auth;

/// <summary>The roles of API users, as stored in <c>users.role</c>.</summary>
public static class Roles
{
    /// <summary>Everything, including users, extensions and DID numbers.</summary>
    public const string Admin = "admin";

    /// <summary>Calls, broadcasts and live views, plus everything a viewer reads.</summary>
    public const string Operator = "operator";

    /// <summary>Read only.</summary>
    public const string Viewer = "viewer";

    /// <summary>Every role, for validation.</summary>
    public static readonly IReadOnlyList<string> All = [Admin, Operator, Viewer];
}
