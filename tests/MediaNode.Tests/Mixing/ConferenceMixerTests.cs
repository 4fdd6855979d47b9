using Pbx.MediaNode.Mixing;
using Shouldly;
using Xunit;

namespace Pbx.MediaNode.Tests.Mixing;

public sealed class ConferenceMixerTests
{
    private readonly ConferenceMixer _mixer = new();

    [Fact]
    public void Each_of_three_members_hears_the_other_two_but_not_itself()
    {
        int alice = _mixer.Join(), bob = _mixer.Join(), carol = _mixer.Join();
        _mixer.Write(alice, Frame(100));
        _mixer.Write(bob, Frame(200));
        _mixer.Write(carol, Frame(-50));

        _mixer.Mix();

        _mixer.Read(alice).ToArray().ShouldAllBe(s => s == 150);
        _mixer.Read(bob).ToArray().ShouldAllBe(s => s == 50);
        _mixer.Read(carol).ToArray().ShouldAllBe(s => s == 300);
    }

    [Fact]
    public void A_muted_member_is_heard_by_nobody_but_still_hears_the_others()
    {
        int alice = _mixer.Join(), bob = _mixer.Join(), carol = _mixer.Join();
        _mixer.SetMuted(bob, true);
        _mixer.Write(alice, Frame(100));
        _mixer.Write(bob, Frame(200));
        _mixer.Write(carol, Frame(300));

        _mixer.Mix();

        _mixer.Read(alice).ToArray().ShouldAllBe(s => s == 300);
        _mixer.Read(bob).ToArray().ShouldAllBe(s => s == 400);
        _mixer.Read(carol).ToArray().ShouldAllBe(s => s == 100);
    }

    [Fact]
    public void Loud_members_saturate_instead_of_wrapping_around()
    {
        int a = _mixer.Join(), b = _mixer.Join(), c = _mixer.Join(), d = _mixer.Join();
        _mixer.Write(a, Frame(30000));
        _mixer.Write(b, Frame(30000));
        _mixer.Write(c, Frame(-30000));
        _mixer.Write(d, Frame(-30000));
        _mixer.Mix();
        // c hears 30000 + 30000 - 30000 = 30000; with only positive others it would clip.
        _mixer.Read(c).ToArray().ShouldAllBe(s => s == 30000);

        _mixer.Write(a, Frame(30000));
        _mixer.Write(b, Frame(30000));
        _mixer.Write(c, Frame(-30000));
        _mixer.Mix();

        _mixer.Read(c).ToArray().ShouldAllBe(s => s == short.MaxValue);
        _mixer.Read(a).ToArray().ShouldAllBe(s => s == 0);
        _mixer.Write(c, Frame(-30000));
        _mixer.Write(d, Frame(-30000));
        _mixer.Mix();
        _mixer.Read(a).ToArray().ShouldAllBe(s => s == short.MinValue);
    }

    [Fact]
    public void A_member_without_a_frame_this_tick_is_silent_and_the_tick_after_too()
    {
        int alice = _mixer.Join(), bob = _mixer.Join();
        _mixer.Write(alice, Frame(500));
        _mixer.Mix();
        _mixer.Read(bob).ToArray().ShouldAllBe(s => s == 500);

        _mixer.Mix();

        _mixer.Read(bob).ToArray().ShouldAllBe(s => s == 0);
        _mixer.Read(alice).ToArray().ShouldAllBe(s => s == 0);
    }

    [Fact]
    public void A_member_who_left_is_no_longer_heard_and_its_id_is_reused()
    {
        int alice = _mixer.Join(), bob = _mixer.Join(), carol = _mixer.Join();
        _mixer.Leave(bob);
        _mixer.Write(alice, Frame(100));
        _mixer.Write(carol, Frame(300));
        _mixer.Mix();

        _mixer.Read(alice).ToArray().ShouldAllBe(s => s == 300);
        _mixer.MemberCount.ShouldBe(2);
        Should.Throw<ArgumentOutOfRangeException>(() => _mixer.Read(bob));
        _mixer.Join().ShouldBe(bob);
    }

    [Fact]
    public void A_tick_with_many_members_allocates_nothing()
    {
        var ids = Enumerable.Range(0, 20).Select(_ => _mixer.Join()).ToArray();
        var frame = Frame(10);
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int tick = 0; tick < 500; tick++)
        {
            foreach (int id in ids)
                _mixer.Write(id, frame);
            _mixer.Mix();
            foreach (int id in ids)
                _mixer.Read(id);
        }
        (GC.GetAllocatedBytesForCurrentThread() - before).ShouldBe(0);
        _mixer.Read(ids[0]).ToArray().ShouldAllBe(s => s == 190);
    }

    private static short[] Frame(short value) => Enumerable.Repeat(value, 160).ToArray();
}
