namespace Pbx.Grains.Runtime;

/// <summary>
/// Marker for callback interfaces that grains call on non-grain subscribers (edge nodes, media nodes, SignalR bridges).
/// Methods return <see cref="Task"/>; a failing or vanished observer never fails the grain turn that notified it.
/// </summary>
public interface IGrainObserver;
