namespace Pbx.TestSupport;

/// <summary>Finds the checkout the tests run from, so they can call its deploy scripts.</summary>
public static class RepositoryRoot
{
    private static readonly Lazy<string> Root = new(Find);

    /// <summary>The folder that holds Pbx.sln.</summary>
    public static string Path => Root.Value;

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "Pbx.sln")))
                return dir.FullName;
        }
        throw new InvalidOperationException($"No Pbx.sln above {AppContext.BaseDirectory}; run the tests from a checkout.");
    }
}
