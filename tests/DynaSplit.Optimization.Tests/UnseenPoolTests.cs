using DynaSplit.Optimization.Evolutionary;
using DynaSplit.Spaces;
using NUnit.Framework;

namespace DynaSplit.Optimization.Tests;

/// <summary>
/// The unseen pool keeps ordinals, not configurations, and duplicate checks go by genome ordinals: both must agree
/// with the space's own enumeration and ordinals, rules included.
/// </summary>
public sealed class UnseenPoolTests
{
    private static ConfigurationSpace RuledSpace() => new(
        [
            new IntegerParameter("a", 0, 4),
            new OrdinalParameter("b", [0.5, 1.5, 4.0]),
            new CategoricalParameter("c", ["x", "y"]),
        ],
        [new ImplicationRule("c", "y", "b", "4")]);

    [Test]
    public void HoldsExactlyTheValidConfigurationsInTheSpacesOrder()
    {
        var space = RuledSpace();
        var pool = new UnseenPool(space);

        Assert.That(space.ValidConfigurations, Has.Count.LessThan(space.CombinationCount), "the rule removes some");
        Assert.That(pool.Count, Is.EqualTo(space.ValidConfigurations.Count));
        Assert.That(pool.Unseen.Select(c => c.Key), Is.EqualTo(space.ValidConfigurations.Select(c => c.Key)));
        for (var ordinal = -1L; ordinal <= space.CombinationCount; ordinal++)
        {
            var valid = space.ValidConfigurations.Any(c => space.GetOrdinal(c.Values) == ordinal);
            Assert.That(pool.IsUnseen(ordinal), Is.EqualTo(valid), $"ordinal {ordinal}");
        }
    }

    [Test]
    public void RemovedAndTakenConfigurationsAreSeenAndTheRestStayDrawable()
    {
        var space = RuledSpace();
        var pool = new UnseenPool(space);
        var first = space.ValidConfigurations[3];
        Assert.That(pool.Remove(first), Is.True);
        Assert.That(pool.Remove(first), Is.False, "removed twice");
        Assert.That(pool.IsUnseen(space.GetOrdinal(first.Values)), Is.False);

        var random = new Random(5);
        var taken = new List<Configuration> { first };
        while (pool.TakeRandom(random) is { } configuration)
        {
            Assert.That(space.IsValid(configuration), Is.True);
            Assert.That(pool.IsUnseen(space.GetOrdinal(configuration.Values)), Is.False);
            taken.Add(configuration);
        }

        Assert.That(taken.Select(c => c.Key), Is.EquivalentTo(space.ValidConfigurations.Select(c => c.Key)), "each valid configuration once");
        Assert.That(pool.Count, Is.Zero);
    }

    [Test]
    public void TakeClosestPrefersTheLevelOfTheParameterWithMostLevels()
    {
        var space = RuledSpace();
        var pool = new UnseenPool(space);

        // a=3 (5 levels) outweighs b and c; of a=3, only b=4 and c=y match all three.
        var closest = pool.TakeClosest([3, 2, 1], new Random(1));
        Assert.That(closest!.Key, Is.EqualTo(space.Create([3, 4.0, 1]).Key));
        var next = pool.TakeClosest([3, 2, 1], new Random(1));
        Assert.That(next!["a"], Is.EqualTo(3), "the next best keeps the heaviest level");
    }

    [Test]
    public void GenomeOrdinalsAreTheSpacesOrdinals()
    {
        var space = RuledSpace();
        var codec = new GenomeCodec(space);
        foreach (var configuration in space.ValidConfigurations)
        {
            var genes = codec.Encode(configuration);
            Assert.That(codec.Ordinal(genes), Is.EqualTo(space.GetOrdinal(configuration.Values)), configuration.Key);
            for (var i = 0; i < genes.Length; i++)
            {
                var moved = (double[])genes.Clone();
                moved[i] = (moved[i] + 1) % (codec.Upper[i] + 1);
                var values = new double[genes.Length];
                codec.Decode(moved, values);
                Assert.That(
                    codec.Ordinal(genes) + ((long)(moved[i] - genes[i]) * codec.Stride(i)),
                    Is.EqualTo(space.GetOrdinal(values)));
            }
        }
    }
}
