using System.Reflection;
using System.Runtime.CompilerServices;
using Shouldly;
using Xunit;

namespace Pbx.Architecture.Tests;

/// <summary>
/// The allowed graph of the product's assemblies: the grain contracts depend on no other product assembly; the data layer
/// (the repositories) on the contracts at most; the certificate store (shared by SIP over TLS and HTTPS) on nothing; the
/// audio helpers (G.711, resampling, upload conversion, shared by the media node and the API) on nothing; the grains, the SIP edge, the media node and the API each depend on the
/// contracts only (they reach one another through grain interfaces and observers, so each can run as a process of its
/// own), the grains and the API also on the data layer, the edge also on the certificate store; only the host (Pbx.Silo) composes them.
/// </summary>
public sealed class ProjectDependencyTests
{
    public static TheoryData<string, string[]> AllowedReferences => new()
    {
        { "Pbx.Grains.Abstractions", [] },
        { "Pbx.Certificates", [] },
        { "Pbx.Audio", [] },
        { "Pbx.Data", ["Pbx.Grains.Abstractions"] },
        { "Pbx.Grains", ["Pbx.Grains.Abstractions", "Pbx.Data"] },
        { "Pbx.EdgeSip", ["Pbx.Grains.Abstractions", "Pbx.Certificates"] },
        { "Pbx.MediaNode", ["Pbx.Grains.Abstractions", "Pbx.Audio"] },
        { "Pbx.ApiHost", ["Pbx.Grains.Abstractions", "Pbx.Data", "Pbx.Audio"] },
        { "Pbx.Silo", ["Pbx.Grains.Abstractions", "Pbx.Data", "Pbx.Grains", "Pbx.EdgeSip", "Pbx.MediaNode", "Pbx.ApiHost", "Pbx.Certificates"] },
    };

    [Theory]
    [MemberData(nameof(AllowedReferences))]
    public void A_product_assembly_references_only_the_product_assemblies_its_layer_allows(string assembly, string[] allowed)
    {
        var references = ProductAssemblies.Load(assembly).GetReferencedAssemblies()
            .Select(reference => reference.Name!)
            .Where(ProductAssemblies.IsProduct)
            .Order(StringComparer.Ordinal);

        references.ShouldBe(allowed.Order(StringComparer.Ordinal), $"{assembly} references another layer's assembly");
    }

    [Fact]
    public void The_contracts_open_their_internals_to_no_one()
    {
        // A host that reaches into the contracts' internals could no longer be replaced by another process's copy of them.
        ProductAssemblies.Load("Pbx.Grains.Abstractions").GetCustomAttributes<InternalsVisibleToAttribute>().ShouldBeEmpty();
    }

    [Fact]
    public void Every_product_assembly_is_under_a_rule()
    {
        var ruled = AllowedReferences.Select(row => (string)row[0]).ToHashSet();
        ProductAssemblies.Load("Pbx.Silo").GetReferencedAssemblies().Select(reference => reference.Name!)
            .Where(ProductAssemblies.IsProduct).ShouldAllBe(name => ruled.Contains(name));
    }
}
