using System.Globalization;

namespace Pbx.Bench;

/// <summary>CPU time of the calling OS thread (Linux /proc/thread-self/stat), to take the load generator out of the node's figure.</summary>
internal static class ThreadCpu
{
    /// <summary>User + system time of the current thread so far.</summary>
    public static TimeSpan Current()
    {
        var stat = File.ReadAllText("/proc/thread-self/stat");
        // Fields after the parenthesised command name: state is field 3, utime 14, stime 15 (proc(5)), in clock ticks of 1/100 s.
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
        return TimeSpan.FromMilliseconds(ticks * 10);
    }
}
