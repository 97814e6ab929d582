using DynaSplit.Spaces;
using DynaSplit.Topology;

namespace DynaSplit.Core.Tests.Topology;

public sealed class PlacementTests
{
    [Test]
    public void TwoTierSplitIsOneCutWithHeadOnTheEdgeAndTailInTheCloud()
    {
        var placement = Placement.TwoTier(7, 22);

        Assert.That(placement.Stages, Is.EqualTo(new[]
        {
            new PlacementStage(0, "edge", 0, 7),
            new PlacementStage(1, "cloud", 7, 22),
        }));
        Assert.That(placement.ToString(), Is.EqualTo("edge[0..7] | cloud[7..22]"));
    }

    [Test]
    public void ThreeTierPlacementHasContiguousStagesAndEmptyOnesWhereCutsCoincide()
    {
        var placement = new Placement([0, 5], ["device", "edge", "cloud"], 9);

        Assert.That(placement.Stages.Select(s => (s.FromCut, s.ToCut, s.IsEmpty)), Is.EqualTo(new[] { (0, 0, true), (0, 5, false), (5, 9, false) }));
    }

    [Test]
    public void DecreasingCutsOrWrongTierCountAreRefusedWithTheReason()
    {
        Assert.That(() => new Placement([5, 3], ["device", "edge", "cloud"], 9), Throws.ArgumentException.With.Message.Contains("must not decrease"));
        Assert.That(() => new Placement([5], ["device", "edge", "cloud"], 9), Throws.ArgumentException.With.Message.Contains("needs as many tiers"));
        Assert.That(() => new Placement([10], ["edge", "cloud"], 9), Throws.InstanceOf<ArgumentOutOfRangeException>().With.Message.Contains("0..9"));
    }

    [Test]
    public void ValidateRefusesUnknownTiersAndStagesThatMoveBackTowardsTheSource()
    {
        var topology = SystemTopology.DeviceEdgeCloud;

        Assert.That(() => new Placement([3], ["edge", "fog"], 9).Validate(topology), Throws.ArgumentException.With.Message.Contains("'fog'"));
        Assert.That(() => new Placement([3], ["cloud", "edge"], 9).Validate(topology), Throws.ArgumentException.With.Message.Contains("moves back"));
        Assert.DoesNotThrow(() => new Placement([3, 3], ["device", "edge", "edge"], 9).Validate(topology));
    }

    [Test]
    public void PlacementsWithTheSameCutsAndTiersAreEqual()
    {
        Assert.That(Placement.TwoTier(3, 9), Is.EqualTo(new Placement([3], ["edge", "cloud"], 9)));
        Assert.That(Placement.TwoTier(3, 9).GetHashCode(), Is.EqualTo(new Placement([3], ["edge", "cloud"], 9).GetHashCode()));
        Assert.That(Placement.TwoTier(3, 9), Is.Not.EqualTo(Placement.TwoTier(4, 9)));
    }

    [Test]
    public void ConfigurationPlacementReadsTheCutParametersAndTheirLargestValue()
    {
        var space = new ConfigurationSpace(
        [
            new IntegerParameter("cut-device", 0, 9) { Setting = SettingKind.CutPoint },
            new OrdinalParameter("cpu_freq", [600_000, 1_800_000], unit: "kHz") { Setting = SettingKind.CpuFrequency, Tier = "edge" },
            new IntegerParameter("cut-edge", 0, 9) { Setting = SettingKind.CutPoint },
        ]);
        var configuration = space.ParseKey("cut-device=2;cpu_freq=600000;cut-edge=6");

        var placement = ConfigurationPlacement.Resolve(configuration, ["device", "edge", "cloud"]);

        Assert.That(placement, Is.EqualTo(new Placement([2, 6], ["device", "edge", "cloud"], 9)));
        Assert.That(() => ConfigurationPlacement.Resolve(configuration, ["edge", "cloud"]), Throws.ArgumentException.With.Message.Contains("2 cut point(s)"));
    }

    [Test]
    public void TierNamedRolesMapToASettingOnATierAndBack()
    {
        var cpu = new OrdinalParameter("cpu-freq", [600, 1800], ParameterRole.EdgeCpuFrequency, "MHz");
        var cloudGpu = new CategoricalParameter("gpu", ["False", "True"]) { Setting = SettingKind.AcceleratorMode, Tier = "cloud" };
        var deviceThreads = new IntegerParameter("threads", 1, 4) { Setting = SettingKind.Threads, Tier = "device" };

        Assert.That((cpu.Setting, cpu.Tier, cpu.Unit), Is.EqualTo((SettingKind.CpuFrequency, "edge", "MHz")));
        Assert.That(cloudGpu.Role, Is.EqualTo(ParameterRole.CloudAccelerator));
        Assert.That(deviceThreads.Role, Is.EqualTo(ParameterRole.Threads));
        Assert.That(cpu.Describe(), Is.EqualTo("cpu-freq (edge CpuFrequency, MHz)"));
        Assert.That(() => new IntegerParameter("t", 1, 4) { Tier = "edge cloud" }, Throws.ArgumentException.With.Message.Contains("' '"));
    }
}
