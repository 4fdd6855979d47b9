using Microsoft.AspNetCore.Cors.Infrastructure;
using Microsoft.Extensions.Options;

namespace Pbx.ApiHost.Security;

/// <summary>A default CORS policy for exactly the configured origins; none configured means no policy, so no CORS headers.</summary>
internal sealed class ConfigureCors(IOptions<ApiCorsOptions> cors) : IConfigureOptions<CorsOptions>
{
    public void Configure(CorsOptions options)
    {
        if (cors.Value.Origins.Length == 0)
            return;
        // Bearer tokens travel in the Authorization header, not cookies, so credentials stay off.
        options.AddDefaultPolicy(policy => policy
            .WithOrigins([.. cors.Value.Origins.Select(o => o.TrimEnd('/'))])
            .AllowAnyHeader()
            .AllowAnyMethod()
            .WithExposedHeaders("Content-Disposition", "Retry-After"));
    }
}
