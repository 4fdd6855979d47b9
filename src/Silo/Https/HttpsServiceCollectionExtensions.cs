using Microsoft.AspNetCore.HttpsPolicy;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Pbx.Certificates;
using Pbx.EdgeSip.Hosting;

namespace Pbx.Silo.Https;

/// <summary>HTTPS for the web server (API, console, live hub, metrics): the certificate, and optional redirect and HSTS.</summary>
internal static class HttpsServiceCollectionExtensions
{
    /// <summary>Registers <see cref="HttpsOptions"/> and the certificate Kestrel presents on every <c>https://</c> address of <c>Urls</c>.</summary>
    public static IServiceCollection AddPbxHttps(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<HttpsOptions>().Bind(configuration.GetSection(HttpsOptions.Section)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<HttpsOptions>, HttpsOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.AddMachineCertificate(configuration);
        services.AddSingleton(sp =>
        {
            var https = sp.GetRequiredService<IOptions<HttpsOptions>>().Value;
            return https.HasOwnCertificate
                ? new HttpsCertificate(new CertificateStore(https.Certificate, HttpsOptions.CertificateSection, sp.GetRequiredService<TimeProvider>(),
                    sp.GetRequiredService<ILogger<CertificateStore>>()), owned: true)
                : new HttpsCertificate(sp.GetRequiredService<CertificateStore>(), owned: false);
        });
        services.AddSingleton<IConfigureOptions<KestrelServerOptions>, ConfigureKestrelHttps>();
        services.AddOptions<HstsOptions>().Configure<IOptions<HttpsOptions>>((hsts, https) => hsts.MaxAge = https.Value.HstsMaxAge);
        return services;
    }

    /// <summary>
    /// When configured: plain HTTP redirected to HTTPS, and HSTS on HTTPS responses. Off by default: with the generated
    /// self-signed certificate a redirect would force every browser through its warning, and HSTS would make that warning
    /// impossible to click through for its whole max-age. Behind a proxy that terminates TLS, the proxy does both.
    /// </summary>
    public static WebApplication UsePbxHttps(this WebApplication app)
    {
        var https = app.Services.GetRequiredService<IOptions<HttpsOptions>>().Value;
        if (https.RedirectHttp)
        {
            // Prometheus and health probes read these over plain HTTP on the local network; they carry no secret, and a
            // scraper that followed the redirect would stop at the self-signed certificate.
            app.UseWhen(context => !IsProbe(context.Request.Path), branch => branch.UseHttpsRedirection());
        }
        if (https.HstsMaxAge > TimeSpan.Zero)
            app.UseHsts();
        return app;
    }

    private static bool IsProbe(PathString path) =>
        path.StartsWithSegments("/metrics", StringComparison.OrdinalIgnoreCase) || path.StartsWithSegments("/health", StringComparison.OrdinalIgnoreCase);
}
