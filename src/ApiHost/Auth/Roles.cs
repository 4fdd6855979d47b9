namespace Pbx.ApiHost.Auth;

/// <summary>The roles of API users, as stored in <c>users.role</c>. Who sees what: <see cref="UserScope"/>.</summary>
public static class Roles
{
    /// <summary>Everything, including users, extensions and DID numbers.</summary>
    public const string Admin = "admin";

    /// <summary>Calls, broadcasts and live views, plus everything a viewer reads.</summary>
    public const string Operator = "operator";

    /// <summary>Reads everything (a supervisor, a wallboard), changes nothing.</summary>
    public const string Viewer = "viewer";

    /// <summary>
    /// A phone's owner: its own extension's calls, recordings, live events and phone (<c>users.extension_number</c>), the
    /// extension directory without other phones' addresses, and nothing of the configuration.
    /// </summary>
    public const string User = "user";

    /// <summary>Every role, for validation.</summary>
    public static readonly IReadOnlyList<string> All = [Admin, Operator, Viewer, User];
}
