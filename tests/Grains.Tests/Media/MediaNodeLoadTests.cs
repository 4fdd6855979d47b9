using Pbx.Grains.Media;
using Shouldly;
using Xunit;

namespace Pbx.Grains.Tests.Media;

public sealed class MediaNodeLoadTests
{
    [Fact]
    public void The_least_loaded_node_with_a_free_pair_is_chosen()
    {
        MediaNodeLoad[] nodes = [new("a", 10, 100), new("b", 3, 100), new("c", 7, 100)];

        MediaNodeLoad.LeastLoaded(nodes).ShouldBe(1);
    }

    [Fact]
    public void A_full_node_is_passed_over_however_idle()
    {
        MediaNodeLoad[] nodes = [new("a", 0, 0), new("b", 50, 1)];

        MediaNodeLoad.LeastLoaded(nodes).ShouldBe(1);
    }

    [Fact]
    public void Equal_load_goes_to_more_free_pairs_then_to_the_lowest_id()
    {
        MediaNodeLoad.LeastLoaded([new("a", 4, 10), new("b", 4, 20)]).ShouldBe(1);
        MediaNodeLoad.LeastLoaded([new("b", 4, 10), new("a", 4, 10)]).ShouldBe(1);
    }

    [Fact]
    public void No_node_or_only_full_nodes_gives_minus_one()
    {
        MediaNodeLoad.LeastLoaded([]).ShouldBe(-1);
        MediaNodeLoad.LeastLoaded([new("a", 0, 0), new("b", 1, -2)]).ShouldBe(-1);
    }

    [Fact]
    public void Endpoints_placed_since_the_report_count_as_load_and_use_up_free_pairs()
    {
        var report = new MediaNodeReport("a", null!, ActiveEndpoints: 5, FreePortPairs: 2, TimeSpan.FromSeconds(15));

        MediaNodeLoad.Of(report, placedSinceReport: 2).ShouldBe(new MediaNodeLoad("a", 7, 0));
    }
}
