namespace Pbx.Silo.Runtime;

/// <summary>Life of an activation; only moves forward.</summary>
internal enum ActivationState
{
    Created,
    Activating,
    Valid,
    Deactivating,
    Deactivated,
}
