using Pbx.Data.Cdrs;
using Pbx.Grains.Cdrs;
using Shouldly;
using Xunit;

namespace Pbx.Grains.Tests.Cdrs;

/// <summary>The journal file: what was appended survives reopening, in order; a torn append is cut; replay empties it.</summary>
public sealed class CdrJournalTests : IDisposable
{
    private static readonly DateTimeOffset At = new(2026, 12, 7, 10, 0, 0, TimeSpan.Zero);
    private readonly string _directory = Directory.CreateTempSubdirectory("pbx-journal-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void Appended_writes_are_read_back_in_order_after_reopening()
    {
        using (var journal = CdrJournal.Open(_directory))
        {
            journal.Append([Opened("a"), Opened("b")]);
            journal.Append([Closed("a")]);
        }

        using var reopened = CdrJournal.Open(_directory);

        reopened.IsEmpty.ShouldBeFalse();
        reopened.PendingCount.ShouldBe(3);
        reopened.DroppedBytes.ShouldBe(0);
        reopened.ReadPending(10).Writes.ShouldBe([Opened("a"), Opened("b"), Closed("a")]);
    }

    [Fact]
    public void A_torn_last_append_is_cut_off_at_opening_and_the_records_before_it_kept()
    {
        using (var journal = CdrJournal.Open(_directory))
            journal.Append([Opened("a"), Closed("a")]);
        var path = Path.Combine(_directory, CdrJournal.FileName);
        var whole = new FileInfo(path).Length;
        // The crash came in the middle of the next append: half a record, never acknowledged.
        using (var file = new FileStream(path, FileMode.Append))
            file.Write(new byte[] { 200, 0, 0, 0, 1, 2, 3, 4, (byte)'{', (byte)'"' });

        using var reopened = CdrJournal.Open(_directory);

        reopened.DroppedBytes.ShouldBe(10);
        new FileInfo(path).Length.ShouldBe(whole);
        reopened.ReadPending(10).Writes.ShouldBe([Opened("a"), Closed("a")]);
        reopened.Append([Opened("b")]);
        reopened.ReadPending(10).Writes.ShouldBe([Opened("a"), Closed("a"), Opened("b")], "the next append starts where the whole records end");
    }

    [Fact]
    public async Task Replaying_part_keeps_the_rest_and_replaying_all_empties_the_file()
    {
        using var journal = CdrJournal.Open(_directory);
        journal.Append([Opened("a"), Opened("b"), Opened("c")]);
        var drained = journal.WaitForEmptyAsync(CancellationToken.None);

        var first = journal.ReadPending(2);
        journal.MarkReplayed(first);

        first.Writes.ShouldBe([Opened("a"), Opened("b")]);
        journal.IsEmpty.ShouldBeFalse();
        drained.IsCompleted.ShouldBeFalse();
        var rest = journal.ReadPending(10);
        rest.Writes.ShouldBe([Opened("c")]);
        journal.MarkReplayed(rest);
        journal.IsEmpty.ShouldBeTrue();
        await drained.WaitAsync(TimeSpan.FromSeconds(1));
        new FileInfo(Path.Combine(_directory, CdrJournal.FileName)).Length.ShouldBe(0);
    }

    [Fact]
    public void Append_if_pending_writes_only_behind_writes_still_waiting()
    {
        using var journal = CdrJournal.Open(_directory);

        journal.AppendIfPending([Opened("a")]).ShouldBeFalse("an empty journal: the write goes to PostgreSQL");
        journal.IsEmpty.ShouldBeTrue();
        journal.Append([Opened("a")]);
        journal.AppendIfPending([Closed("a")]).ShouldBeTrue();
        journal.ReadPending(10).Writes.ShouldBe([Opened("a"), Closed("a")]);
    }

    [Fact]
    public async Task Waiting_for_pending_completes_on_the_first_append()
    {
        using var journal = CdrJournal.Open(_directory);
        var pending = journal.WaitForPendingAsync(CancellationToken.None);
        pending.IsCompleted.ShouldBeFalse();

        journal.Append([Opened("a")]);

        await pending.WaitAsync(TimeSpan.FromSeconds(1));
    }

    [Fact]
    public void A_journal_open_in_another_process_or_host_cannot_be_opened_again()
    {
        using var journal = CdrJournal.Open(_directory);

        var refused = Should.Throw<IOException>(() => CdrJournal.Open(_directory));

        refused.Message.ShouldContain("Cdrs:JournalDirectory");
    }

    private static CdrOpened Opened(string callId) => new(callId, "1001", null, "1002", "internal", At) { Silo = "127.0.0.1:11111@1" };

    private static CdrClosed Closed(string callId) => new(callId, At.AddSeconds(1), At.AddSeconds(5), CdrDisposition.Answered, "BYE", "caller");
}
