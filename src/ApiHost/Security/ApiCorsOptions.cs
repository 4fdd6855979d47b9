namespace Pbx.ApiHost.Security;

/// <summary><c>Api:Cors</c>: the browser origins allowed to call the API from another site; empty sends no CORS headers at all.</summary>
public sealed class ApiCorsOptions
{
    public const string Section = "Api:Cors";

    /// <summary>Exact origins such as <c>https://admin.example.com</c> (scheme, host and port, no path).</summary>
    public string[] Origins { get; set; } = [];
}
