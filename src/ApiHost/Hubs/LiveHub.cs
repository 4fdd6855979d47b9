using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;
using Pbx.ApiHost.Auth;

namespace Pbx.ApiHost.Hubs;

/// <summary>
/// <c>/hubs/live</c>: pushes <see cref="Pbx.Grains.Live.LiveEvent"/>s to the console as the client method <c>event</c>.
/// A client joins one group per topic it shows, so the wallboard does not receive grain lifecycle chatter. Admins,
/// operators and viewers join the topic's group (every event); a phone user the group of its own extension within the
/// topic (<see cref="LiveAudience"/>), so it receives only its extension's registrations and states and its own calls'
/// events, and one without an extension receives nothing.
/// </summary>
[Authorize(Policy = Policies.SignedIn)]
public sealed class LiveHub : Hub
{
    /// <summary>Where the hub is mapped.</summary>
    public const string Path = "/hubs/live";

    /// <summary>The client method every event arrives as.</summary>
    public const string EventMethod = "event";

    /// <summary>Topics any signed-in user may follow.</summary>
    public static readonly IReadOnlySet<string> PublicTopics = new HashSet<string>(StringComparer.Ordinal) { "registration", "extension", "call" };

    /// <summary>
    /// Topics of the configuration at work (a trunk's registration) and alerts (an extension past its outbound limits),
    /// for everyone who may read that configuration: not phone users, to whom the API shows none.
    /// </summary>
    public static readonly IReadOnlySet<string> SupervisorTopics = new HashSet<string>(StringComparer.Ordinal) { "trunk", "alert" };

    /// <summary>Topics only admins may follow: grain activations reveal the system's internals.</summary>
    public static readonly IReadOnlySet<string> AdminTopics = new HashSet<string>(StringComparer.Ordinal) { "grain" };

    /// <summary>Starts forwarding <paramref name="topic"/>'s events to this connection.</summary>
    public Task Subscribe(string topic)
    {
        EnsureAllowed(topic);
        return GroupOf(topic) is { } group ? Groups.AddToGroupAsync(Context.ConnectionId, group, Context.ConnectionAborted) : Task.CompletedTask;
    }

    /// <summary>Stops forwarding <paramref name="topic"/>'s events to this connection.</summary>
    public Task Unsubscribe(string topic)
    {
        EnsureAllowed(topic);
        return GroupOf(topic) is { } group ? Groups.RemoveFromGroupAsync(Context.ConnectionId, group, Context.ConnectionAborted) : Task.CompletedTask;
    }

    // The scope is the connection's token's. A group joined stays joined until the connection closes, at the token's expiry
    // at the latest, so a change of role or extension reaches an open connection only then.
    private string? GroupOf(string topic)
    {
        var scope = UserScope.Of(Context.User!);
        return scope.Everything ? topic : scope.Extension is { } number ? LiveAudience.GroupOf(topic, number) : null;
    }

    private void EnsureAllowed(string topic)
    {
        if (PublicTopics.Contains(topic))
            return;
        if (AdminTopics.Contains(topic) && Context.User?.IsInRole(Roles.Admin) == true)
            return;
        if (SupervisorTopics.Contains(topic) && Context.User is { } user && UserScope.IsSupervisor(user))
            return;
        // HubException's message reaches the client as is, unlike other exceptions.
        throw new HubException($"Unknown topic or not allowed for your role: '{topic}'.");
    }
}
