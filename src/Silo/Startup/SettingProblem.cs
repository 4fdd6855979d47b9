namespace Pbx.Silo.Startup;

/// <summary>A combination of settings that leaves phones without something they need.</summary>
/// <param name="StopsStartup">True when running would be useless (start-up stops); false for a warning.</param>
/// <param name="Message">What is wrong, naming the keys to change.</param>
internal sealed record SettingProblem(bool StopsStartup, string Message);
