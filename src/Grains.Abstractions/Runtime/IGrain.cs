namespace Pbx.Grains.Runtime;

/// <summary>Marker for every grain interface. Methods return <see cref="Task"/>, <see cref="Task{T}"/> or <see cref="ValueTask{T}"/>.</summary>
public interface IGrain;

/// <summary>A grain whose identity is a string (extension number, Call-ID, queue name).</summary>
public interface IGrainWithStringKey : IGrain;

/// <summary>A grain whose identity is a <see cref="Guid"/> (broadcast campaign, originated call).</summary>
public interface IGrainWithGuidKey : IGrain;
