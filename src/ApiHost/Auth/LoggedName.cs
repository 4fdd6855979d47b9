namespace Pbx.ApiHost.Auth;

/// <summary>
/// A name a client typed (a login's user name), made safe for one log line: control characters (a newline would forge a
/// line of its own) become '?', and anything past <see cref="MaxLength"/> characters is cut (a 10 MB name would otherwise
/// be a 10 MB line).
/// </summary>
internal static class LoggedName
{
    public const int MaxLength = 64;

    public static string Of(string name)
    {
        var cut = name.Length > MaxLength ? name[..MaxLength] : name;
        var safe = string.Create(cut.Length, cut, (span, source) =>
        {
            for (var i = 0; i < source.Length; i++)
                span[i] = char.IsControl(source[i]) ? '?' : source[i];
        });
        return name.Length > MaxLength ? $"{safe}… ({name.Length} characters)" : safe;
    }
}
