using Pbx.Grains.Runtime;

namespace Pbx.Silo.Persistence;

/// <summary>One durable reminder row.</summary>
/// <param name="GrainId">The grain to remind.</param>
/// <param name="Name">Reminder name, unique per grain.</param>
/// <param name="FirstDue">When it was first due.</param>
/// <param name="NextDue">When the next tick is due.</param>
/// <param name="Period">Interval between ticks; zero for one-shot.</param>
public sealed record ReminderEntry(GrainId GrainId, string Name, DateTimeOffset FirstDue, DateTimeOffset NextDue, TimeSpan Period);
