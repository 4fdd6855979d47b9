using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.DataProtection;

namespace Pbx.ApiHost.Apis.Trunks;

/// <summary>
/// Keeps trunk passwords out of the database in plain text: encrypted with ASP.NET Core Data Protection (keys in the
/// directory of <c>Trunks:KeysDirectory</c>, shared by every node that must send REGISTER), or reduced to HA1 when the
/// carrier's realm is known (RFC 7616 3.4.2: HA1 is all a digest answer needs).
/// </summary>
public sealed class TrunkPasswordProtector(IDataProtectionProvider provider)
{
    /// <summary>The Data Protection purpose; a different purpose cannot decrypt these values.</summary>
    public const string Purpose = "Pbx.Trunks.Password.v1";

    private readonly IDataProtector _protector = provider.CreateProtector(Purpose);

    /// <summary>The password encrypted for storage.</summary>
    public string Protect(string password) => _protector.Protect(password);

    /// <summary>The password from its stored form.</summary>
    public string Unprotect(string stored) => _protector.Unprotect(stored);

    /// <summary>MD5 HA1 = H(username:realm:password), lower-case hex (RFC 2617 3.2.2.2).</summary>
    public static string Ha1Md5(string username, string realm, string password) =>
        Convert.ToHexStringLower(MD5.HashData(Encoding.UTF8.GetBytes($"{username}:{realm}:{password}")));
}
