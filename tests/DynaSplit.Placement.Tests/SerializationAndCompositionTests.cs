using DynaSplit.DependencyInjection;
using DynaSplit.Placements.Model;
using DynaSplit.Placements.Planning;
using DynaSplit.Placements.Reference;
using DynaSplit.Placements.Serialization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace DynaSplit.Placements.Tests;

public sealed class SerializationAndCompositionTests
{
    [Test]
    public void Topology_and_profile_files_round_trip_to_the_same_costs()
    {
        var topology = PlacementJson.ParseTopology(PlacementJson.Serialize(FinReference.Topology));
        var profile = PlacementJson.ParseProfile(PlacementJson.Serialize(FinReference.AlexNet));
        var original = PlacementCostModel.Evaluate(FinReference.Topology, FinReference.AlexNet, 2, [0, 0, 0, 2, 2]);
        var copy = PlacementCostModel.Evaluate(topology, profile, 2, [0, 0, 0, 2, 2]);

        Assert.Multiple(() =>
        {
            Assert.That(copy.EnergyJ, Is.EqualTo(original.EnergyJ));
            Assert.That(copy.LatencyMs, Is.EqualTo(original.LatencyMs));
            Assert.That(topology.Links, Has.Count.EqualTo(3));
            Assert.That(profile.Exits.Select(e => e.AfterBlocks), Is.EqualTo(new[] { 1, 3, 5 }));
        });
    }

    [Test]
    public void Bad_files_name_the_source_and_the_problem()
    {
        Assert.Multiple(() =>
        {
            Assert.That(() => PlacementJson.ParseTopology("{ \"tiers\": [ { \"name\": \"d\", \"activePowerW\": 1 } ] }", "t.json"),
                Throws.InstanceOf<InvalidDataException>().With.Message.StartsWith("t.json:").And.Message.Contains("compute capacity"));
            Assert.That(() => PlacementJson.ParseProfile("{ \"name\": \"p\", \"blocks\": [ { \"operations\": 1 } ] }", "p.json"),
                Throws.InstanceOf<InvalidDataException>().With.Message.Contains("'exits' is missing"));
            Assert.That(() => PlacementJson.ParseProfile("{ \"name\": ", "p.json"),
                Throws.InstanceOf<InvalidDataException>().With.Message.StartsWith("p.json: not valid JSON"));
        });
    }

    [Test]
    public void The_builder_adds_the_three_planners_once_and_validates_gamma_at_start()
    {
        var services = new ServiceCollection();
        services.AddDynaSplit().AddPlacementPlanners(o => o.Gamma = 50).AddPlacementPlanners();
        using var provider = services.BuildServiceProvider();
        var planners = provider.GetServices<IPlacementPlanner>().ToArray();

        Assert.That(planners.Select(p => p.Name), Is.EquivalentTo(PlannerCatalog.Names));
        Assert.That(provider.GetRequiredService<FinPlanner>().Gamma, Is.EqualTo(50));

        var bad = new ServiceCollection();
        bad.AddDynaSplit().AddPlacementPlanners(o => o.Gamma = -1);
        using var badProvider = bad.BuildServiceProvider();
        Assert.That(() => badProvider.GetRequiredService<IOptions<FinPlannerOptions>>().Value,
            Throws.InstanceOf<OptionsValidationException>().With.Message.Contains("Gamma is -1"));
    }

    [Test]
    public void The_catalog_refuses_an_unknown_planner_with_the_names_it_knows()
    {
        Assert.That(() => PlannerCatalog.Create("optimal"), Throws.ArgumentException.With.Message.Contains("fin, exhaustive, greedy"));
        Assert.That(PlannerCatalog.Create("FIN", 7), Is.InstanceOf<FinPlanner>().With.Property(nameof(FinPlanner.Gamma)).EqualTo(7));
    }
}
