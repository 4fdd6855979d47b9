using System.Globalization;
using System.Reflection;

namespace Pbx.Silo.Persistence;

/// <summary>One versioned SQL migration, named NNNN_name.sql.</summary>
/// <param name="Version">The NNNN prefix; migrations run in ascending order, each once.</param>
/// <param name="FileName">The file name, quoted in logs and failures.</param>
/// <param name="Sql">The script, run in one transaction.</param>
public sealed record MigrationScript(int Version, string FileName, string Sql)
{
    private const string ResourcePrefix = "Pbx.Silo.Persistence.Migrations.";

    /// <summary>The migrations embedded in Pbx.Silo, in version order.</summary>
    public static IReadOnlyList<MigrationScript> Embedded { get; } = LoadEmbedded();

    /// <summary>Parses NNNN from <paramref name="fileName"/>; a file that does not follow NNNN_name.sql is a build mistake.</summary>
    public static MigrationScript Create(string fileName, string sql)
    {
        if (fileName.Length < 10 || fileName[4] != '_' || !fileName.EndsWith(".sql", StringComparison.Ordinal)
            || !int.TryParse(fileName.AsSpan(0, 4), NumberStyles.None, CultureInfo.InvariantCulture, out var version))
        {
            throw new InvalidOperationException($"Migration '{fileName}' is not named NNNN_name.sql.");
        }
        return new MigrationScript(version, fileName, sql);
    }

    private static MigrationScript[] LoadEmbedded()
    {
        var assembly = typeof(MigrationScript).Assembly;
        var scripts = new List<MigrationScript>();
        foreach (var resource in assembly.GetManifestResourceNames())
        {
            if (!resource.StartsWith(ResourcePrefix, StringComparison.Ordinal) || !resource.EndsWith(".sql", StringComparison.Ordinal))
                continue;
            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var reader = new StreamReader(stream);
            scripts.Add(Create(resource[ResourcePrefix.Length..], reader.ReadToEnd()));
        }
        scripts.Sort((a, b) => a.Version.CompareTo(b.Version));
        return [.. scripts];
    }
}
