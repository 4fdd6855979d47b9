using System.Net;

namespace Pbx.Grains.Trunks;

/// <summary>The trunk facts the edge needs, read from the database by the silo side (the edge does not reach PostgreSQL itself).</summary>
public interface ITrunkDirectory
{
    /// <summary>Every enabled trunk with register = true.</summary>
    Task<IReadOnlyList<TrunkRegistrationRow>> ListRegisteringAsync(CancellationToken cancellationToken);

    /// <summary>
    /// The enabled trunk an INVITE from <paramref name="address"/>:<paramref name="port"/> comes from: one whose allowed
    /// networks contain the address, or whose host and port are the source. Null when the source is no trunk.
    /// </summary>
    Task<string?> IdentifySourceAsync(IPAddress address, int port, CancellationToken cancellationToken);

    /// <summary>
    /// Whether <paramref name="address"/>:<paramref name="port"/> is a trunk by the source table last read, without reading
    /// the database: a check cheap enough for every request, so that the flood guard never bans a carrier.
    /// </summary>
    bool IsKnownSource(IPAddress address, int port);

    /// <summary>Forgets cached trunk sources after the trunks table changed, so the next INVITE reads it again.</summary>
    void Invalidate();

    /// <summary>The digest credentials of <paramref name="trunkId"/>, or null when it has none stored as HA1.</summary>
    Task<TrunkCredentials?> FindCredentialsAsync(string trunkId, CancellationToken cancellationToken);
}
