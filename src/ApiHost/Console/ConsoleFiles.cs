using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Extensions.FileProviders;
using Microsoft.Net.Http.Headers;

namespace Pbx.ApiHost.Console;

/// <summary>
/// Serves the web console at <c>/console/</c> from files embedded in this assembly. Static web assets of a referenced
/// library are only served in Development; embedding makes the console work from the Silo's bin folder in Production.
/// </summary>
public static class ConsoleFiles
{
    /// <summary>Where the console is served.</summary>
    public const string Path = "/console";

    /// <summary>The prefix ApiHost.csproj gives the embedded bundle's resource names.</summary>
    internal const string ResourcePrefix = "console";

    // Everything the console needs is bundled from npm into this origin; nothing may load from elsewhere. Chart.js sets
    // the canvas size through style attributes, hence the inline styles.
    private const string ContentSecurityPolicy =
        "default-src 'self'; connect-src 'self' ws: wss:; media-src 'self' blob:; img-src 'self' data:; style-src 'self' 'unsafe-inline'; frame-ancestors 'none'";

    /// <summary>Adds the console's file serving; call before authentication, the files themselves are public.</summary>
    public static WebApplication UseConsole(this WebApplication app)
    {
        var files = new EmbeddedFileProvider(typeof(ConsoleFiles).Assembly, ResourcePrefix);
        app.UseWhen(context => context.Request.Path.StartsWithSegments(Path), console =>
        {
            // Relative URLs in index.html (app.js, app.css) resolve against the folder, so "/console" must become "/console/".
            console.Use((context, next) =>
            {
                if (context.Request.Path.Value is not Path)
                    return next(context);
                context.Response.Redirect($"{Path}/");
                return Task.CompletedTask;
            });
            console.UseDefaultFiles(new DefaultFilesOptions { FileProvider = files, RequestPath = Path });
            console.UseStaticFiles(new StaticFileOptions
            {
                FileProvider = files,
                RequestPath = Path,
                ContentTypeProvider = new FileExtensionContentTypeProvider(),
                // File names carry no content hash, so browsers must revalidate to pick up a new version after an upgrade.
                OnPrepareResponse = context =>
                {
                    var headers = context.Context.Response.Headers;
                    headers[HeaderNames.CacheControl] = "no-cache";
                    headers[HeaderNames.ContentSecurityPolicy] = ContentSecurityPolicy;
                    headers[HeaderNames.XContentTypeOptions] = "nosniff";
                },
            });
        });
        app.MapGet("/", () => TypedResults.Redirect($"{Path}/")).ExcludeFromDescription().AllowAnonymous();
        return app;
    }
}
