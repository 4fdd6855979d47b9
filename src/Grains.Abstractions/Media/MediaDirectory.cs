using Orleans;

namespace Pbx.Grains.Media;

/// <summary>Where the one <see cref="IMediaDirectoryGrain"/> of the cluster is found.</summary>
public static class MediaDirectory
{
    /// <summary>Key of the directory activation.</summary>
    public const long Key = 0;

    /// <summary>The cluster's media directory.</summary>
    public static IMediaDirectoryGrain GetMediaDirectory(this IGrainFactory grains) => grains.GetGrain<IMediaDirectoryGrain>(Key);
}
