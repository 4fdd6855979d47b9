using System.Buffers;
using System.Text;
using System.Text.Json;
using Microsoft.Win32.SafeHandles;
using Pbx.Data.Cdrs;

namespace Pbx.Grains.Cdrs;

/// <summary>
/// The local spill of CDR writes for while PostgreSQL does not take them: an append-only file of
/// <see cref="CdrJournalRecord"/>s, each append flushed to the disk (fsync) before the writes in it are acknowledged.
/// <see cref="CdrWriter"/> replays it into PostgreSQL in order and truncates it once it has caught up. While it holds
/// anything, every new write is appended behind it (<see cref="AppendIfPending"/>), so a call's writes land in the order
/// the call made them. The file is opened exclusively: one process per journal.
/// </summary>
public sealed class CdrJournal : IDisposable
{
    /// <summary>The journal's file name in its directory (<c>Cdrs:JournalDirectory</c>).</summary>
    public const string FileName = "cdrs.journal";

    private const int ReadChunk = 256 * 1024;

    private readonly Lock _lock = new();
    private readonly SafeFileHandle _file;
    private long _end;
    private long _replayed;
    private int _pending;
    private TaskCompletionSource _filled = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private TaskCompletionSource _emptied = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private CdrJournal(string path, SafeFileHandle file, long end, int pending, long droppedBytes)
    {
        FilePath = path;
        _file = file;
        _end = end;
        _pending = pending;
        DroppedBytes = droppedBytes;
        if (pending > 0)
            _filled.SetResult();
        else
            _emptied.SetResult();
    }

    /// <summary>Full path of the file.</summary>
    public string FilePath { get; }

    /// <summary>Bytes cut from the end at opening: an append torn by a crash (never acknowledged), or damage.</summary>
    public long DroppedBytes { get; }

    /// <summary>True when every write appended has been replayed: new writes may go straight to PostgreSQL.</summary>
    public bool IsEmpty
    {
        get
        {
            lock (_lock)
                return _end == 0;
        }
    }

    /// <summary>Records appended and not yet replayed.</summary>
    public int PendingCount
    {
        get
        {
            lock (_lock)
                return _pending;
        }
    }

    /// <summary>
    /// Opens (or creates) the journal in <paramref name="directory"/>, exclusively, and finds its last whole record; the
    /// bytes after it are cut off (<see cref="DroppedBytes"/>).
    /// </summary>
    /// <exception cref="IOException">Another process holds the journal, or the directory cannot be written.</exception>
    public static CdrJournal Open(string directory)
    {
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, FileName);
        SafeFileHandle file;
        try
        {
            file = File.OpenHandle(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException e)
        {
            throw new IOException($"CDR journal {path} is in use by another process; each PBX process needs its own Cdrs:JournalDirectory", e);
        }
        try
        {
            var length = RandomAccess.GetLength(file);
            var (end, records) = Scan(file, length);
            if (end < length)
            {
                RandomAccess.SetLength(file, end);
                RandomAccess.FlushToDisk(file);
            }
            return new CdrJournal(path, file, end, records, length - end);
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }

    /// <summary>Appends <paramref name="writes"/> behind what the journal still holds; false (nothing written) when it is empty.</summary>
    public bool AppendIfPending(IReadOnlyList<CdrWrite> writes) => Append(writes, onlyIfPending: true);

    /// <summary>Appends <paramref name="writes"/> and flushes them to the disk; on return they survive a crash.</summary>
    public void Append(IReadOnlyList<CdrWrite> writes) => Append(writes, onlyIfPending: false);

    /// <summary>Completes once the journal holds something to replay.</summary>
    public Task WaitForPendingAsync(CancellationToken cancellationToken)
    {
        lock (_lock)
            return _filled.Task.WaitAsync(cancellationToken);
    }

    /// <summary>Completes once everything appended has been replayed (at once when nothing waits).</summary>
    public Task WaitForEmptyAsync(CancellationToken cancellationToken)
    {
        lock (_lock)
            return _emptied.Task.WaitAsync(cancellationToken);
    }

    /// <summary>
    /// Up to <paramref name="max"/> of the oldest records not yet replayed, in order. A record whose payload this version
    /// cannot read (written by a newer one) is returned as text in <see cref="JournalBatch.Unreadable"/> instead.
    /// </summary>
    public JournalBatch ReadPending(int max)
    {
        long from, to;
        lock (_lock)
            (from, to) = (_replayed, _end);
        var writes = new List<CdrWrite>();
        var unreadable = new List<string>();
        var records = 0;
        var buffer = ArrayPool<byte>.Shared.Rent(ReadChunk);
        try
        {
            var offset = from;
            while (offset < to && records < max)
            {
                var read = RandomAccess.Read(_file, buffer.AsSpan(0, (int)Math.Min(buffer.Length, to - offset)), offset);
                var chunk = buffer.AsSpan(0, read);
                var used = 0;
                var outcome = JournalRead.Record;
                while (records < max && (outcome = CdrJournalRecord.TryRead(chunk[used..], out var payload, out var consumed)) == JournalRead.Record)
                {
                    try
                    {
                        writes.Add(CdrJournalRecord.Decode(payload));
                    }
                    catch (JsonException)
                    {
                        unreadable.Add(Encoding.UTF8.GetString(payload));
                    }
                    used += consumed;
                    records++;
                }
                if (outcome == JournalRead.Damaged)
                    throw new InvalidDataException($"CDR journal {FilePath}: damaged record at offset {offset + used}, below the end {to} of what was appended");
                if (used == 0 && records < max)
                {
                    // A record longer than the buffer (up to MaxPayloadBytes): read it whole.
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
                    continue;
                }
                offset += used;
            }
            return new JournalBatch(writes, unreadable, records, offset);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>
    /// Records that <paramref name="batch"/> is in PostgreSQL. Once everything appended is, the file is truncated (and
    /// flushed) and new writes go straight to the database again; a crash before that replays them again, which the
    /// idempotent writes allow.
    /// </summary>
    public void MarkReplayed(JournalBatch batch)
    {
        lock (_lock)
        {
            _replayed = batch.Next;
            _pending -= batch.Records;
            if (_replayed < _end)
                return;
            RandomAccess.SetLength(_file, 0);
            RandomAccess.FlushToDisk(_file);
            (_end, _replayed, _pending) = (0, 0, 0);
            _filled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _emptied.TrySetResult();
        }
    }

    /// <inheritdoc />
    public void Dispose() => _file.Dispose();

    private bool Append(IReadOnlyList<CdrWrite> writes, bool onlyIfPending)
    {
        if (writes.Count == 0)
            return true;
        var bytes = new ArrayBufferWriter<byte>(writes.Count * 512);
        foreach (var write in writes)
            CdrJournalRecord.Write(write, bytes);
        lock (_lock)
        {
            if (onlyIfPending && _end == 0)
                return false;
            // Written at the end of the last whole record: a failed append leaves bytes that the next one overwrites.
            RandomAccess.Write(_file, bytes.WrittenSpan, _end);
            RandomAccess.FlushToDisk(_file);
            if (_end == 0)
                _emptied = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _end += bytes.WrittenCount;
            _pending += writes.Count;
            _filled.TrySetResult();
            return true;
        }
    }

    /// <summary>The end of the last whole record and how many records precede it.</summary>
    private static (long End, int Records) Scan(SafeFileHandle file, long length)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(ReadChunk);
        try
        {
            long offset = 0;
            var records = 0;
            while (offset < length)
            {
                var read = RandomAccess.Read(file, buffer.AsSpan(0, (int)Math.Min(buffer.Length, length - offset)), offset);
                var chunk = buffer.AsSpan(0, read);
                var used = 0;
                JournalRead outcome;
                while ((outcome = CdrJournalRecord.TryRead(chunk[used..], out _, out var consumed)) == JournalRead.Record)
                {
                    used += consumed;
                    records++;
                }
                offset += used;
                if (outcome == JournalRead.Damaged || (used < read && offset + (read - used) >= length))
                    return (offset, records);
                if (used == 0)
                {
                    // A record longer than the buffer (up to MaxPayloadBytes): read it whole.
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
                }
            }
            return (offset, records);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
