using System.Buffers;

namespace Pbx.Grains.Media;

/// <summary>
/// Endpoint ids name the node that owns the endpoint: <c>node/local</c>. The media router reads the prefix to send every
/// call about an endpoint to its node without a lookup, on whichever silo the call grain runs.
/// </summary>
public static class MediaEndpointId
{
    /// <summary>Separates the node id from the node-local part; never part of a node id.</summary>
    public const char Separator = '/';

    /// <summary>Longest node id accepted.</summary>
    public const int MaxNodeIdLength = 64;

    private static readonly SearchValues<char> NodeIdChars =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.");

    /// <summary>The id of endpoint <paramref name="localId"/> on node <paramref name="nodeId"/>.</summary>
    public static string Create(string nodeId, string localId) => string.Concat(nodeId, "/", localId);

    /// <summary>True when <paramref name="nodeId"/> can prefix endpoint ids: 1-64 letters, digits, '-', '_' or '.'.</summary>
    public static bool IsValidNodeId(string? nodeId) =>
        nodeId is { Length: > 0 and <= MaxNodeIdLength } && nodeId.AsSpan().IndexOfAnyExcept(NodeIdChars) < 0;

    /// <summary>The node part of <paramref name="endpointId"/>; false for an id without a node prefix.</summary>
    public static bool TryGetNodeId(string endpointId, out ReadOnlySpan<char> nodeId)
    {
        var separator = endpointId.IndexOf(Separator);
        nodeId = separator > 0 ? endpointId.AsSpan(0, separator) : default;
        return separator > 0 && separator < endpointId.Length - 1;
    }

    /// <summary>A node id made from <paramref name="text"/> (a machine name): characters a node id may not hold become '-'.</summary>
    public static string SanitizeNodeId(string text)
    {
        var chars = text.Length > MaxNodeIdLength ? text[..MaxNodeIdLength].ToCharArray() : text.ToCharArray();
        for (var i = 0; i < chars.Length; i++)
        {
            if (!NodeIdChars.Contains(chars[i]))
                chars[i] = '-';
        }
        return chars.Length == 0 ? "media" : new string(chars);
    }
}
