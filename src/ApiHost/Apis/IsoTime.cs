using System.Globalization;
using Pbx.ApiHost.Problems;

namespace Pbx.ApiHost.Apis;

/// <summary>Reads the ISO-8601 instants of query strings (<c>from</c>, <c>to</c>) as UTC.</summary>
internal static class IsoTime
{
    /// <summary>An ISO-8601 date or date-time; one without an offset is taken as UTC. Null when absent or invalid (then reported).</summary>
    public static DateTime? Parse(string? value, string field, ValidationErrors errors)
    {
        if (string.IsNullOrEmpty(value))
            return null;
        if (DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var parsed))
            return parsed.UtcDateTime;
        errors.Add(field, "must be an ISO-8601 date or date-time, e.g. 2026-11-22T00:00:00Z.");
        return null;
    }
}
