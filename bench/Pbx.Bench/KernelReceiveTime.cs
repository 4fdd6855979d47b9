using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace Pbx.Bench;

/// <summary>
/// The kernel's receive time of the last datagram read from a socket (Linux SIOCGSTAMPNS, socket(7)), so the latency
/// measured is the node's and the loopback's, not the time the generator's receive thread took to be scheduled.
/// </summary>
/// <remarks>
/// The stamp is taken in the receive softirq on CLOCK_REALTIME; senders stamp with <see cref="Now"/> on the same clock.
/// The first ioctl on a socket switches stamping on (and fails with ENOENT, no packet stamped yet), hence <see cref="Enable"/>.
/// </remarks>
internal static class KernelReceiveTime
{
    private const uint SiocGStampNs = 0x8907;
    private const int Enoent = 2;

    /// <summary>Nanoseconds since the Unix epoch on CLOCK_REALTIME, the clock of the kernel's stamps.</summary>
    public static long Now() => (DateTime.UtcNow.Ticks - DateTime.UnixEpoch.Ticks) * 100;

    /// <summary>Switches receive stamping on for <paramref name="socket"/>; false where the kernel does not offer it.</summary>
    public static bool Enable(Socket socket) =>
        OperatingSystem.IsLinux() && (Ioctl((int)socket.Handle, SiocGStampNs, out _) == 0 || Marshal.GetLastPInvokeError() == Enoent);

    /// <summary>Receive time of the last datagram read from <paramref name="socket"/>, or false when there is none.</summary>
    public static bool TryGet(Socket socket, out long nanoseconds)
    {
        if (Ioctl((int)socket.Handle, SiocGStampNs, out var stamp) != 0)
        {
            nanoseconds = 0;
            return false;
        }
        nanoseconds = stamp.Seconds * 1_000_000_000 + stamp.Nanoseconds;
        return true;
    }

    // DllImport rather than LibraryImport: its marshalling of an out struct needs no unsafe code in the project.
    [DllImport("libc", EntryPoint = "ioctl", SetLastError = true)]
    private static extern int Ioctl(int fd, nuint request, out Timespec stamp);

    [StructLayout(LayoutKind.Sequential)]
    private struct Timespec
    {
        public long Seconds;
        public long Nanoseconds;
    }
}
