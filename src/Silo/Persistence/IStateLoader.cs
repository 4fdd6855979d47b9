namespace Pbx.Silo.Persistence;

/// <summary>What the activation needs of a persistent state regardless of its type: load it before OnActivateAsync.</summary>
internal interface IStateLoader
{
    Task LoadAsync(CancellationToken cancellationToken);
}
