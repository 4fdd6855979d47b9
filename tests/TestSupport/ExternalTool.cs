namespace Pbx.TestSupport;

/// <summary>Finds tools the integration tests drive (sipp, sox, espeak-ng); a missing one fails the test with what to install.</summary>
public static class ExternalTool
{
    /// <summary>Full path of <paramref name="name"/> on PATH, or an exception naming the Debian package and the install script.</summary>
    public static string Require(string name, string debianPackage)
    {
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(dir, name);
            if (File.Exists(candidate))
                return candidate;
        }
        throw new InvalidOperationException(
            $"'{name}' is not installed: run deploy/install-deps.sh (or apt-get install -y {debianPackage}).");
    }
}
