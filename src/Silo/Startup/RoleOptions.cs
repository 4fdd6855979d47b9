namespace Pbx.Silo.Startup;

/// <summary>
/// Which roles this process hosts (section <c>Roles</c>). The embedded default hosts all of them.
/// A process without the silo role is an Orleans client of the cluster's silos (found in the membership table).
/// </summary>
public sealed class RoleOptions
{
    public const string Section = "Roles";

    public bool Silo { get; set; } = true;
    public bool Edge { get; set; } = true;
    public bool Media { get; set; } = true;
    public bool Api { get; set; } = true;

    /// <summary>A readable reason when the combination cannot run, else null.</summary>
    public string? Validate()
    {
        if (!(Silo || Edge || Media || Api))
            return "Roles: every role is off; enable at least one of Roles:Silo, Roles:Edge, Roles:Media, Roles:Api.";
        return null;
    }
}
