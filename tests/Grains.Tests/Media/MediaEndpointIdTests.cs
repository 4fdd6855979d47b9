using Pbx.Grains.Media;
using Shouldly;
using Xunit;

namespace Pbx.Grains.Tests.Media;

public sealed class MediaEndpointIdTests
{
    [Fact]
    public void An_endpoint_id_names_its_node()
    {
        var id = MediaEndpointId.Create("media-1.example_10000", "0f1e2d");

        id.ShouldBe("media-1.example_10000/0f1e2d");
        MediaEndpointId.TryGetNodeId(id, out var node).ShouldBeTrue();
        node.ToString().ShouldBe("media-1.example_10000");
    }

    [Theory]
    [InlineData("")]
    [InlineData("0f1e2d")]
    [InlineData("/0f1e2d")]
    [InlineData("node/")]
    public void An_id_without_node_or_local_part_names_no_node(string endpointId)
    {
        MediaEndpointId.TryGetNodeId(endpointId, out _).ShouldBeFalse();
    }

    [Theory]
    [InlineData("media-1", true)]
    [InlineData("host.lan_10000", true)]
    [InlineData("", false)]
    [InlineData("a/b", false)]
    [InlineData("caf\u00e9", false)]
    [InlineData("with space", false)]
    public void Node_ids_are_letters_digits_dash_underscore_dot(string nodeId, bool valid)
    {
        MediaEndpointId.IsValidNodeId(nodeId).ShouldBe(valid);
    }

    [Fact]
    public void A_node_id_longer_than_64_characters_is_refused()
    {
        MediaEndpointId.IsValidNodeId(new string('a', 64)).ShouldBeTrue();
        MediaEndpointId.IsValidNodeId(new string('a', 65)).ShouldBeFalse();
    }

    [Fact]
    public void A_machine_name_is_made_into_a_valid_node_id()
    {
        var id = MediaEndpointId.SanitizeNodeId("Büro PC/2");

        id.ShouldBe("B-ro-PC-2");
        MediaEndpointId.IsValidNodeId(id).ShouldBeTrue();
    }
}
