using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Pbx.Data.Extensions;
using Pbx.Grains.Live;
using Orleans;
using Orleans.Runtime;
using Orleans.Storage;

namespace Pbx.Grains.Extensions;

/// <summary>
/// One extension: its configuration row (read on activation), its bindings and per-extension lockout (persisted state).
/// The rules live in <see cref="ExtensionState"/>; this class does the I/O: write-behind persistence, expiry timer,
/// live events and security logging.
/// </summary>
public sealed partial class ExtensionGrain(
    [PersistentState("registrar")] IPersistentState<ExtensionState> state,
    ExtensionRowReader rows,
    ILiveEvents liveEvents,
    IOptions<RegistrarOptions> registrarOptions,
    IOptions<LockoutOptions> lockoutOptions,
    TimeProvider time,
    ILogger<ExtensionGrain> logger) : Grain, IExtensionGrain
{
    /// <summary>Live event topic of registration changes.</summary>
    public const string LiveTopic = "registration";

    private readonly RegistrarOptions _registrar = registrarOptions.Value;
    private readonly LockoutOptions _lockout = lockoutOptions.Value;
    private ExtensionConfiguration? _configuration;
    // What call set-up reads of the row, made once per row: every call asks for both parties'.
    private ExtensionProfile? _profile;
    // The answer for a source not locked out, made once per configuration row: every REGISTER with credentials asks.
    private Task<ExtensionCredentials?>? _credentials;
    private IDisposable? _writeTimer;
    private DateTimeOffset _writeDue;
    // The earliest expiry among the bindings as last stored: until then a restart finds every binding, so refreshes may wait.
    private DateTimeOffset? _storedUntil;
    private IDisposable? _expiryTimer;
    private DateTimeOffset _expiryTimerDue;
    private bool _dirty;

    private string Number => this.GetPrimaryKeyString();

    private ExtensionState State => state.State;

    /// <inheritdoc />
    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        Configure(await rows.FindAsync(Number, cancellationToken));
        var now = time.GetUtcNow();
        // Bindings that lapsed while no activation existed (restart, idle collection) are dropped now.
        var changed = Publish(BindingChangeKind.Expired, State.RemoveExpired(now), now);
        if (_configuration is not { Enabled: true })
            changed |= Publish(BindingChangeKind.Removed, State.RemoveAll(), now);
        changed |= State.ForgetCallsBefore(ProcessStartedAt);
        if (changed)
            await state.WriteStateAsync(cancellationToken);
        _storedUntil = State.NextExpiry;
        ArmExpiryTimer(now);
    }

    /// <inheritdoc />
    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        _writeTimer?.Dispose();
        _expiryTimer?.Dispose();
        if (_dirty)
        {
            _dirty = false;
            await WriteAsync(cancellationToken);
        }
    }

    /// <inheritdoc />
    public Task<ExtensionCredentials?> GetCredentialsAsync(string sourceAddress)
    {
        if (_configuration is not { } c)
            return Task.FromResult<ExtensionCredentials?>(null);
        _credentials ??= Task.FromResult<ExtensionCredentials?>(new ExtensionCredentials(c.Realm, c.Ha1Md5, c.Ha1Sha256, c.Enabled, false));
        return State.IsLockedOutFor(sourceAddress, time.GetUtcNow())
            ? Task.FromResult<ExtensionCredentials?>(new ExtensionCredentials(c.Realm, c.Ha1Md5, c.Ha1Sha256, c.Enabled, true))
            : _credentials;
    }

    /// <inheritdoc />
    public Task<RegisterOutcome> RegisterAsync(RegisterRequest request)
    {
        if (_configuration is not { } c)
            return Task.FromResult(RegisterOutcome.Rejected(RegisterResult.NotFound, _registrar.MinExpires));
        if (!c.Enabled)
            return Task.FromResult(RegisterOutcome.Rejected(RegisterResult.Disabled, _registrar.MinExpires));

        var now = time.GetUtcNow();
        var before = State.Bindings;
        var applied = State.Apply(request, _registrar, c.MaxContacts, now);
        var lockoutCleared = applied.Outcome.Result == RegisterResult.Ok && State.RecordSuccess(now);
        foreach (var change in applied.Changes)
            Publish(change.Kind, change.Binding, now);
        if (applied.Changes.Count > 0 || lockoutCleared)
        {
            var refreshWrite = TimeSpan.FromSeconds(_registrar.RefreshWriteSeconds);
            var deferrable = !lockoutCleared && _storedUntil > now + refreshWrite && ExtensionState.RefreshesOnly(before, applied.Changes);
            MarkDirty(deferrable ? refreshWrite : TimeSpan.FromSeconds(_registrar.WriteBehindSeconds));
            ArmExpiryTimer(now);
        }
        if (applied.Outcome.Result != RegisterResult.Ok)
            LogRegisterRejected(Number, applied.Outcome.Result, request.SourceAddress);
        return Task.FromResult(applied.Outcome);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<ContactBinding>> GetBindingsAsync()
        => Task.FromResult(ActiveBindings(time.GetUtcNow()));

    /// <inheritdoc />
    public Task<LockoutStatus> RecordAuthFailureAsync(string sourceAddress)
    {
        var now = time.GetUtcNow();
        if (State.RecordFailure(now, _lockout))
            LogExtensionLockedOut(Number, sourceAddress, _lockout.MaxFailures, _lockout.LockoutDuration);
        else
            LogAuthFailure(Number, sourceAddress);
        MarkDirty();
        return Task.FromResult(State.LockoutStatus(now, _lockout));
    }

    /// <inheritdoc />
    public Task RecordAuthSuccessAsync(string sourceAddress)
    {
        if (State.RecordSuccess(time.GetUtcNow()))
            MarkDirty();
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task UnlockAsync()
    {
        if (State.Unlock())
        {
            LogUnlocked(Number);
            MarkDirty();
        }
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<ExtensionStatus> GetStatusAsync()
    {
        var now = time.GetUtcNow();
        return Task.FromResult(new ExtensionStatus(
            Number, _configuration is not null, _configuration?.Enabled ?? false, ActiveBindings(now), State.LockoutStatus(now, _lockout),
            State.CallIds()));
    }

    /// <inheritdoc />
    public Task<ExtensionProfile?> GetProfileAsync() => Task.FromResult(_profile);

    /// <inheritdoc />
    public async Task ReloadAsync()
    {
        Configure(await rows.FindAsync(Number));
        if (_configuration is not { Enabled: true } && Publish(BindingChangeKind.Removed, State.RemoveAll(), time.GetUtcNow()))
        {
            _dirty = false;
            await WriteAsync(CancellationToken.None);
        }
    }

    private void Configure(ExtensionConfiguration? configuration)
    {
        _configuration = configuration;
        _credentials = null;
        _profile = configuration is { } c ? new ExtensionProfile(c.Number, c.DisplayName, c.Enabled, c.SettingsJson) : null;
    }

    private IReadOnlyList<ContactBinding> ActiveBindings(DateTimeOffset now)
    {
        var active = new List<ContactBinding>(State.Bindings.Count);
        foreach (var binding in State.Bindings)
        {
            if (binding.ExpiresAt > now)
                active.Add(binding);
        }
        return active;
    }

    private void MarkDirty() => MarkDirty(TimeSpan.FromSeconds(_registrar.WriteBehindSeconds));

    private void MarkDirty(TimeSpan within)
    {
        _dirty = true;
        // At 8,000 REGISTER/s, one state write per request would be the bottleneck; a write at most this often when dirty
        // loses at most this much of refreshes on a crash (phones re-register anyway), and deactivation always writes.
        // A change that must be stored sooner than the armed write brings it forward.
        var due = time.GetUtcNow() + within;
        if (_writeTimer is not null && _writeDue <= due)
            return;
        _writeTimer?.Dispose();
        _writeDue = due;
        _writeTimer = this.RegisterGrainTimer(WriteBehindAsync, within, Timeout.InfiniteTimeSpan);
    }

    private async Task WriteAsync(CancellationToken cancellationToken)
    {
        var storing = State.NextExpiry;
        await state.WriteStateAsync(cancellationToken);
        _storedUntil = storing;
    }

    private async Task WriteBehindAsync(CancellationToken cancellationToken)
    {
        _writeTimer?.Dispose();
        _writeTimer = null;
        if (!_dirty)
            return;
        _dirty = false;
        try
        {
            await WriteAsync(cancellationToken);
        }
        catch (Exception exception) when (exception is not InconsistentStateException)
        {
            // Keep the changes and try again on the next tick; a conflict is a broken invariant (two activations) and propagates.
            LogWriteBehindFailed(exception, Number);
            MarkDirty();
        }
    }

    // One one-shot timer at the earliest expiry, moved only when a binding now expires sooner: refreshes, which push
    // expiries later, cost nothing; a tick that finds nothing lapsed just re-arms for the new earliest.
    private void ArmExpiryTimer(DateTimeOffset now)
    {
        if (State.NextExpiry is not { } next)
            return;
        if (_expiryTimer is not null && _expiryTimerDue <= next)
            return;
        _expiryTimer?.Dispose();
        _expiryTimerDue = next;
        var due = next - now;
        _expiryTimer = this.RegisterGrainTimer(ExpireAsync, due < TimeSpan.Zero ? TimeSpan.Zero : due, Timeout.InfiniteTimeSpan);
    }

    private Task ExpireAsync(CancellationToken cancellationToken)
    {
        _expiryTimer?.Dispose();
        _expiryTimer = null;
        var now = time.GetUtcNow();
        if (Publish(BindingChangeKind.Expired, State.RemoveExpired(now), now))
            MarkDirty();
        ArmExpiryTimer(now);
        return Task.CompletedTask;
    }

    private bool Publish(BindingChangeKind kind, IReadOnlyList<ContactBinding> bindings, DateTimeOffset now)
    {
        foreach (var binding in bindings)
            Publish(kind, binding, now);
        return bindings.Count > 0;
    }

    private void Publish(BindingChangeKind kind, ContactBinding binding, DateTimeOffset now)
    {
        var eventKind = kind switch
        {
            BindingChangeKind.Added => "registered",
            BindingChangeKind.Removed => "unregistered",
            BindingChangeKind.Expired => "expired",
            // A refresh changes nothing a live view shows; publishing thousands per second would only crowd out real changes.
            _ => null,
        };
        if (eventKind is null)
            return;
        LogBindingChanged(Number, eventKind, binding.ContactUri, binding.SourceAddress, binding.SourcePort, binding.Transport);
        liveEvents.Publish(LiveTopic, Number, eventKind, RegistrationEventData.From(binding), now);
    }
}
