using System.Runtime.CompilerServices;

// The runtime sets Grain.GrainContext; nothing else may.
[assembly: InternalsVisibleTo("Pbx.Silo")]
