using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Pbx.Certificates;
using Pbx.EdgeSip.Security;
using Pbx.EdgeSip.Transactions;
using Pbx.EdgeSip.Transport;
using Pbx.EdgeSip.Transport.Tls;

namespace Pbx.EdgeSip.Hosting;

/// <summary>DI registration of the SIP edge.</summary>
public static class SipServiceCollectionExtensions
{
    /// <summary>
    /// The machine's certificate (section <c>Sip:Certificate</c>: configured files, else one generated at first start): one
    /// store, one reload timer, for SIP over TLS and HTTPS in a process that serves both, whichever registers it first.
    /// </summary>
    public static IServiceCollection AddMachineCertificate(this IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp => new CertificateStore(
            configuration.GetSection(SipOptions.CertificateSection).Get<CertificateOptions>() ?? new CertificateOptions(), SipOptions.CertificateSection,
            sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<Microsoft.Extensions.Logging.ILogger<CertificateStore>>()));
        return services;
    }

    /// <summary>
    /// Adds the transports, transaction layer, <see cref="SipClient"/> and the hosted <see cref="SipEdge"/>, with
    /// <see cref="SipOptions"/> bound from the "Sip" section of <paramref name="configuration"/> and validated at start.
    /// Register <see cref="ISipRequestHandler"/> singletons to serve methods.
    /// </summary>
    public static IServiceCollection AddEdgeSip(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<SipOptions>().Bind(configuration.GetSection(SipOptions.Section)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SipOptions>, SipOptionsValidator>());
        services.TryAddSingleton<IOptions<SipTimerOptions>>(sp => Options.Create(sp.GetRequiredService<IOptions<SipOptions>>().Value.Timers));
        services.TryAddSingleton(TimeProvider.System);
        services.AddMachineCertificate(configuration);
        services.TryAddSingleton<SipTlsHandshake>();
        services.TryAddSingleton(sp => new SipTransportSet(sp.GetRequiredService<IOptions<SipOptions>>(), sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<CertificateStore>(), sp.GetRequiredService<SipTlsHandshake>(), sp.GetRequiredService<Microsoft.Extensions.Logging.ILogger<SipTransportSet>>()));
        services.TryAddSingleton<ISipSender>(sp => sp.GetRequiredService<SipTransportSet>());
        services.TryAddSingleton<SipTransactionLayer>();
        services.TryAddSingleton<SipClient>();
        services.AddSipFloodGuard(configuration);
        services.TryAddSingleton<SipEdge>();
        services.AddHostedService(sp => sp.GetRequiredService<SipEdge>());
        return services;
    }
}
