using Orleans;

namespace Pbx.Grains.Media;

/// <summary>
/// A media node as the cluster reaches it: <see cref="IMediaControl"/> carried as an Orleans observer, so a grain on any
/// silo can drive a node in another process. Each node registers a reference to itself in the
/// <see cref="IMediaDirectoryGrain"/>; call grains never hold one, they go through the silo's media router.
/// </summary>
public interface IMediaNode : IMediaControl, IGrainObserver;
