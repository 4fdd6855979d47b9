namespace Pbx.Data;

/// <summary>Which rule of a table a refused write broke.</summary>
public enum RowConflict
{
    /// <summary>A unique key is taken by another row.</summary>
    Duplicate,

    /// <summary>A check constraint failed (a combination of columns the table does not allow).</summary>
    CheckFailed,
}
