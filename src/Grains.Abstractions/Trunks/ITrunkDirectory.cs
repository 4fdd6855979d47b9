namespace Pbx.Grains.Trunks;

/// <summary>The trunks the edge must register, read from the database by the silo side (the edge does not reach PostgreSQL itself).</summary>
public interface ITrunkDirectory
{
    /// <summary>Every enabled trunk with register = true.</summary>
    Task<IReadOnlyList<TrunkRegistrationRow>> ListRegisteringAsync(CancellationToken cancellationToken);
}
