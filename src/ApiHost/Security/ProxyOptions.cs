namespace Pbx.ApiHost.Security;

/// <summary><c>Api:Proxy</c>: the reverse proxies (nginx) whose X-Forwarded-For / X-Forwarded-Proto headers are believed.</summary>
public sealed class ProxyOptions
{
    public const string Section = "Api:Proxy";

    /// <summary>IP addresses of the proxies; empty ignores forwarded headers, so a client cannot spoof its address.</summary>
    public string[] KnownProxies { get; set; } = [];
}
