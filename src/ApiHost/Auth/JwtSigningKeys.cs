using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;
using Microsoft.IdentityModel.Tokens;

namespace Pbx.ApiHost.Auth;

/// <summary>
/// The token keys in use (<see cref="JwtKeySet"/>), re-read when the configuration changes, so that rotating the key
/// signs nobody out and needs no restart: the operator makes a new key current and lists the old one under
/// <c>Api:Jwt:PreviousSigningKeys</c> (tokens signed with it keep working), then, once the longest token lifetime has
/// passed, removes it (its tokens are refused from then on). A changed configuration goes through the same binding and
/// validation as at start-up; one that fails is logged and the keys in use stay, as a half-edited file must not lock the
/// API out.
/// </summary>
internal sealed partial class JwtSigningKeys : IDisposable
{
    private readonly IOptionsFactory<JwtOptions> _factory;
    private readonly ILogger<JwtSigningKeys> _logger;
    private readonly List<IDisposable> _subscriptions = [];
    private readonly Lock _reloading = new();
    private volatile JwtKeySet _keys;

    public JwtSigningKeys(IOptionsFactory<JwtOptions> factory, IEnumerable<IOptionsChangeTokenSource<JwtOptions>> changes, ILogger<JwtSigningKeys> logger)
    {
        _factory = factory;
        _logger = logger;
        // From the configuration as it is now, not IOptions' value cached at start-up: it may have changed since.
        _keys = JwtKeySet.From(factory.Create(Options.DefaultName));
        // The change sources the options system watches for this section (the configuration's reload token), rather than
        // IOptionsMonitor.OnChange, which never calls back for a value that fails validation, so the failure could not be logged.
        foreach (var change in changes)
            _subscriptions.Add(ChangeToken.OnChange(change.GetChangeToken, () => Reload()));
    }

    /// <summary>The current key, for new tokens.</summary>
    public SigningCredentials Signing => _keys.Signing;

    /// <summary>The keys a token with <paramref name="keyId"/> in its header may be validated with (<see cref="JwtKeySet.Resolve"/>).</summary>
    public IEnumerable<SecurityKey> Resolve(string? keyId) => _keys.Resolve(keyId);

    /// <summary>Reads the keys from the configuration again; false when they are unchanged or the new ones are invalid.</summary>
    internal bool Reload()
    {
        lock (_reloading)
        {
            JwtKeySet next;
            try
            {
                next = JwtKeySet.From(_factory.Create(Options.DefaultName));
            }
            catch (OptionsValidationException e)
            {
                LogReloadRefused(string.Join(" ", e.Failures), _keys.Signing.Key.KeyId);
                return false;
            }
            if (next.SameAs(_keys))
                return false;
            _keys = next;
            LogKeysChanged(next.Signing.Key.KeyId, string.Join(", ", next.Validating.Skip(1).Select(k => k.KeyId)));
            return true;
        }
    }

    public void Dispose()
    {
        foreach (var subscription in _subscriptions)
            subscription.Dispose();
    }

    [LoggerMessage(EventId = 6010, Level = LogLevel.Information, Message = "API token keys changed: new tokens are signed with key {KeyId}; previous keys still accepted: [{PreviousKeyIds}]")]
    private partial void LogKeysChanged(string keyId, string previousKeyIds);

    [LoggerMessage(EventId = 6011, Level = LogLevel.Error, Message = "API token keys not changed, still signing with key {KeyId}: {Reason}")]
    private partial void LogReloadRefused(string reason, string keyId);
}
