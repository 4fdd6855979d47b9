namespace Pbx.Grains.Trunks;

/// <summary>Which kinds of number each permission class reaches: the toll-fraud guard's one table.</summary>
public static class CallPermissions
{
    /// <summary>True when an extension of <paramref name="permission"/> may dial a number of <paramref name="kind"/>.</summary>
    public static bool Allows(PermissionClass permission, NumberKind kind) => kind switch
    {
        NumberKind.Internal => true,
        NumberKind.National => permission >= PermissionClass.National,
        NumberKind.International => permission == PermissionClass.International,
        _ => false,
    };
}
