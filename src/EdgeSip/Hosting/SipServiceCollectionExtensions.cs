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
        // TryAdd: the host registers the same store for HTTPS (the machine's certificate); whichever comes first, both use one instance.
        services.TryAddSingleton(sp => new CertificateStore(sp.GetRequiredService<IOptions<SipOptions>>().Value.Certificate, SipOptions.CertificateSection,
            sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<Microsoft.Extensions.Logging.ILogger<CertificateStore>>()));
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
