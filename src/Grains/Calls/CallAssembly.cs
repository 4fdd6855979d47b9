using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans;
using Orleans.Runtime;
using Pbx.Data.IvrMenus;
using Pbx.Grains.Calls.Recording;
using Pbx.Grains.Media;
using Pbx.Grains.Trunks;

namespace Pbx.Grains.Calls;

/// <summary>
/// Puts together, per call activation, the types that carry out the call's rules, each given only the collaborators it
/// uses. The services they share are the silo's; this is the one place that knows how the parts fit. One per silo.
/// </summary>
public sealed class CallAssembly(
    IGrainFactory grains,
    IMediaControl media,
    CallJournal journal,
    CallRecorder recorder,
    IOptions<CallOptions> options,
    TimeProvider time,
    ICallEdgeDirectory edges,
    TrunkRouter trunkRouter,
    IvrMenuRepository menus,
    ILogger<CallGrain> logger)
{
    internal CallParts Assemble(IPersistentState<CallState> storage, ICallActivation activation)
    {
        var settings = options.Value;
        var call = new CallContext(storage, grains, edges, journal, time, activation);
        CallEnding? ending = null;
        var timers = new CallTimers(call, settings, async cause => await ending!.HangUpAsync(cause), logger);
        var callMedia = new CallMedia(call, media, settings, logger);
        var trunks = new TrunkLegs(call, trunkRouter, timers, logger);
        ending = new CallEnding(call, callMedia, trunks, timers, recorder, logger);
        var routing = new CallRouting(call, trunks, timers, menus, settings, logger);
        var progress = new TransferProgress(call, callMedia, trunks, ending, logger);
        return new CallParts(call, callMedia, timers, trunks, ending, routing, progress,
            new TransferRequests(call, routing, callMedia, trunks, progress, logger),
            new LegHandover(call, callMedia, timers, ending, progress, logger),
            new ClickToCall(call, routing, callMedia, ending, logger),
            new InDialogRequests(call, callMedia, timers, ending, logger),
            new MenuSession(call, callMedia, routing, timers, ending, logger),
            recorder, settings);
    }
}

/// <summary>One call activation's parts (<see cref="CallAssembly"/>).</summary>
internal sealed record CallParts(
    CallContext Call,
    CallMedia Media,
    CallTimers Timers,
    TrunkLegs Trunks,
    CallEnding Ending,
    CallRouting Routing,
    TransferProgress Progress,
    TransferRequests Transfers,
    LegHandover Handover,
    ClickToCall ClickToCall,
    InDialogRequests Dialogs,
    MenuSession Menus,
    CallRecorder Recorder,
    CallOptions Options);
