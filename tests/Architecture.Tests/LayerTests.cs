using NetArchTest.Rules;
using Shouldly;
using Xunit;

namespace Pbx.Architecture.Tests;

/// <summary>
/// Rules inside the assemblies, by namespace: the SIP stack's lower layers and the media engine's signal path know
/// nothing of grains or Orleans (they are the parts that run per packet, and the parts a reader must be able to test
/// alone), and the grains know nothing of the nodes' implementations.
/// </summary>
public sealed class LayerTests
{
    [Theory]
    [InlineData("Pbx.EdgeSip.Parsing")]
    [InlineData("Pbx.EdgeSip.Transport")]
    [InlineData("Pbx.EdgeSip.Transactions")]
    public void The_sip_stack_below_the_call_edge_knows_no_grain_and_no_orleans(string layer)
    {
        var result = Types.InAssembly(ProductAssemblies.Load("Pbx.EdgeSip")).That().ResideInNamespace(layer)
            .ShouldNot().HaveDependencyOnAny("Pbx.Grains", "Orleans", "Pbx.EdgeSip.Calls", "Pbx.EdgeSip.Registrar", "Pbx.EdgeSip.Trunks")
            .GetResult();

        (result.FailingTypeNames ?? []).ShouldBeEmpty();
    }

    [Theory]
    [InlineData("Pbx.MediaNode.Rtp")]
    [InlineData("Pbx.MediaNode.Codecs")]
    [InlineData("Pbx.MediaNode.Dtmf")]
    [InlineData("Pbx.MediaNode.Mixing")]
    public void The_media_signal_path_knows_no_grain_and_no_orleans(string layer)
    {
        var result = Types.InAssembly(ProductAssemblies.Load("Pbx.MediaNode")).That().ResideInNamespace(layer)
            .ShouldNot().HaveDependencyOnAny("Pbx.Grains", "Orleans")
            .GetResult();

        (result.FailingTypeNames ?? []).ShouldBeEmpty();
    }

    /// <summary>
    /// SQL lives in the repositories of Pbx.Data, one per aggregate: the API and the grains reach PostgreSQL through them
    /// and know neither the driver nor the mapper (the grain state storage is the silo's own, in Pbx.Silo).
    /// </summary>
    [Theory]
    [InlineData("Pbx.ApiHost")]
    [InlineData("Pbx.Grains")]
    public void The_api_and_the_grains_reach_the_database_through_the_repositories_only(string assembly)
    {
        var result = Types.InAssembly(ProductAssemblies.Load(assembly))
            .ShouldNot().HaveDependencyOnAny("Npgsql", "NpgsqlTypes", "Dapper")
            .GetResult();

        (result.FailingTypeNames ?? []).ShouldBeEmpty();
    }

    [Fact]
    public void The_api_reaches_the_cluster_through_grain_interfaces_only()
    {
        var result = Types.InAssembly(ProductAssemblies.Load("Pbx.ApiHost"))
            .ShouldNot().HaveDependencyOnAny("Pbx.Silo", "Pbx.EdgeSip", "Pbx.MediaNode", "Orleans.Runtime.Grain")
            .GetResult();

        (result.FailingTypeNames ?? []).ShouldBeEmpty();
    }
}
