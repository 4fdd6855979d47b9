using Pbx.Grains.Media;
using Shouldly;
using Xunit;

namespace Pbx.Grains.Tests.Media;

public sealed class MediaNodeTableTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 7, 10, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan ValidFor = TimeSpan.FromSeconds(15);

    [Fact]
    public void A_node_that_stops_reporting_lapses_after_its_validity()
    {
        var table = new MediaNodeTable();
        table.Register(Report("a"), T0).ShouldBeTrue();
        table.Register(Report("b"), T0).ShouldBeTrue();

        table.Register(Report("a"), T0 + TimeSpan.FromSeconds(10)).ShouldBeFalse();

        table.Live(T0 + TimeSpan.FromSeconds(14)).Select(e => e.NodeId).ShouldBe(["a", "b"]);
        table.Live(T0 + ValidFor).Select(e => e.NodeId).ShouldBe(["a"]);
        table.Count.ShouldBe(1);
    }

    [Fact]
    public void A_node_reporting_again_after_lapsing_joins_anew()
    {
        var table = new MediaNodeTable();
        table.Register(Report("a"), T0);

        table.Register(Report("a"), T0 + ValidFor).ShouldBeTrue();
        table.Live(T0 + ValidFor).ShouldHaveSingleItem().ReportedAt.ShouldBe(T0 + ValidFor);
    }

    [Fact]
    public void A_refresh_replaces_the_load_and_an_unregistered_node_is_gone_at_once()
    {
        var table = new MediaNodeTable();
        table.Register(Report("a", active: 1), T0);
        table.Register(Report("a", active: 9), T0 + TimeSpan.FromSeconds(5));

        table.Live(T0 + TimeSpan.FromSeconds(5)).ShouldHaveSingleItem().Report.ActiveEndpoints.ShouldBe(9);
        table.Unregister("a").ShouldBeTrue();
        table.Unregister("a").ShouldBeFalse();
        table.Live(T0).ShouldBeEmpty();
    }

    private static MediaNodeReport Report(string nodeId, int active = 0) => new(nodeId, null!, active, 100, ValidFor);
}
