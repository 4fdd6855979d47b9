using Microsoft.Extensions.Logging;
using Pbx.Grains;
using Pbx.Grains.Calls;
using Orleans;
using Pbx.EdgeSip.Trunks;
using Pbx.Grains.Trunks;

namespace Pbx.EdgeSip.Calls;

/// <summary>
/// This edge as call grains reach it (<see cref="ICallEdge"/>): requests on legs through <see cref="SipLegSender"/>, forks
/// through <see cref="SipForkSets"/>. It adds itself to the <see cref="ICallEdgeDirectory"/> when one is registered, so a
/// call started from the API or reactivated after idle collection finds an edge.
/// </summary>
public sealed partial class SipCallEdge : ICallEdge
{
    private readonly IGrainFactory _grains;
    private readonly SipLegSender _legs;
    private readonly SipForkSets _forks;
    private readonly SipOptionsProbe _probe;
    private readonly ILogger<SipCallEdge> _logger;

    /// <summary>Creates the edge's call interface and its grain reference.</summary>
    public SipCallEdge(IGrainFactory grains, SipLegSender legs, SipForkSets forks, SipOptionsProbe probe, ILogger<SipCallEdge> logger,
        ICallEdgeDirectory? directory = null)
    {
        _grains = grains;
        _legs = legs;
        _forks = forks;
        _probe = probe;
        _logger = logger;
        Reference = grains.CreateObjectReference<ICallEdge>(this);
        directory?.Add(Reference);
    }

    /// <summary>The reference call grains hold (one for the edge's lifetime).</summary>
    public ICallEdge Reference { get; }

    /// <summary>A request a call grain starts on its own (BYE on hang-up, NOTIFY about a transfer); the answer is only logged.</summary>
    public Task SendAsync(LegRequest request) => _legs.SendLoggedAsync(request);

    /// <summary>A re-INVITE a call grain starts on its own (hold, resume); the answer goes back to the grain for its media node.</summary>
    public async Task ReInviteAsync(string callKey, LegRequest request)
    {
        var (response, cseq) = await _legs.SendRetryingGlareAsync(request, "pbx");
        await _grains.Grain<ICallGrain>(callKey).OnLegAnswerAsync(request.Leg.CallId, response.StatusCode, SipDialogMessages.Sdp(response), cseq);
    }

    /// <inheritdoc />
    public Task RingAsync(string callKey, IReadOnlyList<ForkTarget> forks, TimeSpan noAnswerTimeout)
    {
        // Not awaited: the forks report to the grain that is waiting for this call to return.
        _ = RingInBackgroundAsync(callKey, forks, noAnswerTimeout);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task ApplyAsync(string callKey, CallInstruction instruction) => _forks.ApplyAsync(callKey, instruction);

    /// <inheritdoc />
    public Task<TrunkProbeResult> ProbeAsync(TrunkProbe probe) => _probe.ProbeAsync(probe);

    private async Task RingInBackgroundAsync(string callKey, IReadOnlyList<ForkTarget> forks, TimeSpan noAnswerTimeout)
    {
        try
        {
            await _forks.RingAsync(callKey, forks, noAnswerTimeout);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogRingFailed(callKey, e);
        }
    }
}
