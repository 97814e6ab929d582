using DynaSplit.Spaces;

namespace DynaSplit.Core.Tests.Spaces;

public sealed class ConfigurationSpaceTests
{
    [Test]
    public void PaperVgg16SpaceHas917ValidConfigurations()
    {
        var space = SplitComputingSpace.PaperVgg16();

        Assert.That(space.CombinationCount, Is.EqualTo(7 * 23 * 3 * 2));
        // 21 inner split indices x 7 x 3 x 2, plus layer 0 (TPU off) x 7 x 2 (GPU on/off), plus layer 22 (server off) x 7 x 3.
        Assert.That(space.CountValid(), Is.EqualTo((21 * 7 * 3 * 2) + (7 * 2) + (7 * 3)));
        Assert.That(space.CountValid(), Is.EqualTo(917));
    }

    [Test]
    public void RulesExcludeAcceleratorsThatCannotRun()
    {
        var space = SplitComputingSpace.PaperVgg16();
        var valid = space.ValidConfigurations;

        Assert.That(valid.Where(c => c["layer"] == 0).Select(c => c.GetLabel("edge-accelerator")).Distinct(), Is.EqualTo(new[] { "off" }));
        Assert.That(valid.Where(c => c["layer"] == 22).Select(c => c.GetLabel("server-accelerator")).Distinct(), Is.EqualTo(new[] { "False" }));
        Assert.That(space.IsValid(space.ParseKey("cpu-freq=600;layer=0;edge-accelerator=max;server-accelerator=True")), Is.False);
        Assert.That(space.FindViolatedRule(space.ParseKey("cpu-freq=600;layer=22;edge-accelerator=max;server-accelerator=True").Values)!.Description,
            Does.Contain("server-accelerator must be False when layer is 22"));
    }

    [Test]
    public void EnumerationIsInOrdinalOrderWithUniqueKeys()
    {
        var space = SplitComputingSpace.PaperVgg16();
        var ordinals = space.ValidConfigurations.Select(c => space.GetOrdinal(c.Values)).ToArray();

        Assert.That(ordinals, Is.Ordered.Ascending);
        Assert.That(ordinals.Distinct().Count(), Is.EqualTo(917));
        Assert.That(space.ValidConfigurations.Select(c => c.Key).Distinct().Count(), Is.EqualTo(917));
        Assert.That(space.ValidConfigurations[0].Key, Is.EqualTo("cpu-freq=600;layer=0;edge-accelerator=off;server-accelerator=False"));
    }

    [Test]
    public void KeysRoundTripAndConfigurationsCompareByValue()
    {
        var space = SplitComputingSpace.PaperVgg16();
        foreach (var configuration in space.ValidConfigurations.Take(50))
        {
            var parsed = space.ParseKey(configuration.Key);
            Assert.That(parsed, Is.EqualTo(configuration));
            Assert.That(parsed.GetHashCode(), Is.EqualTo(configuration.GetHashCode()));
        }

        var other = SplitComputingSpace.PaperVgg16();
        Assert.That(other.ParseKey(space.ValidConfigurations[3].Key), Is.EqualTo(space.ValidConfigurations[3]), "same parameters in another space instance");
    }

    [Test]
    public void BadKeysAndValuesAreRefusedWithTheReason()
    {
        var space = SplitComputingSpace.PaperVgg16();

        Assert.That(() => space.ParseKey("cpu-freq=700;layer=0;edge-accelerator=off;server-accelerator=False"),
            Throws.TypeOf<FormatException>().With.Message.Contains("'700' is not in the domain of parameter 'cpu-freq'"));
        Assert.That(() => space.ParseKey("cpu-freq=600;layer=0;edge-accelerator=off"),
            Throws.TypeOf<FormatException>().With.Message.Contains("No value for parameter 'server-accelerator'"));
        Assert.That(() => space.ParseKey("gpu=1;cpu-freq=600;layer=0;edge-accelerator=off;server-accelerator=False"),
            Throws.TypeOf<FormatException>().With.Message.Contains("Unknown parameter 'gpu'"));
        Assert.That(() => space.Create([600, 23, 0, 0]),
            Throws.ArgumentException.With.Message.Contains("parameter 'layer'"));
        Assert.That(() => space.IndexOf("threads"), Throws.TypeOf<KeyNotFoundException>().With.Message.Contains("it has: cpu-freq, layer, edge-accelerator, server-accelerator"));
    }

    [Test]
    public void RulesNamingUnknownParametersFailAtConstruction()
    {
        Assert.That(
            () => new ConfigurationSpace([new IntegerParameter("split", 0, 3)], [new ImplicationRule("split", "0", "tpu", "off")]),
            Throws.ArgumentException.With.Message.Contains("names parameter 'tpu'"));
        Assert.That(
            () => new ConfigurationSpace([new IntegerParameter("split", 0, 3)], [new ImplicationRule("split", "9", "split", "0")]),
            Throws.ArgumentException.With.Message.Contains("value '9'"));
    }

    [Test]
    public void AllowedCombinationsRuleKeepsOnlyListedConfigurations()
    {
        var space = SplitComputingSpace.PaperVgg16();
        var keep = space.ValidConfigurations.Where((_, i) => i % 10 == 0).Select(c => c.Key).ToList();
        var restricted = space.WithRules(new AllowedCombinationsRule("every tenth", keep));

        Assert.That(restricted.ValidConfigurations.Select(c => c.Key), Is.EqualTo(keep));
    }

    [Test]
    public void ParameterDomainsEncodeAndFormat()
    {
        var integer = new IntegerParameter("threads", 1, 8, 2);
        Assert.That(Enumerable.Range(0, integer.LevelCount).Select(integer.ValueAt), Is.EqualTo(new double[] { 1, 3, 5, 7 }));
        Assert.That(integer.LevelOf(4), Is.EqualTo(-1));
        Assert.That(integer.Maximum, Is.EqualTo(7));

        var ordinal = new OrdinalParameter("f", [1800, 600, 1200]);
        Assert.That(ordinal.Levels, Is.EqualTo(new double[] { 600, 1200, 1800 }));
        Assert.That(ordinal.TryParse("1200.0", out var value) && value == 1200, Is.True);
        Assert.That(() => new OrdinalParameter("f", [1, 1]), Throws.ArgumentException.With.Message.Contains("appears twice"));

        var categorical = new CategoricalParameter("mode", ["off", "std", "max"]);
        Assert.That(categorical.TryParse("MAX", out var max) ? max : -1, Is.EqualTo(2));
        Assert.That(categorical.Format(1), Is.EqualTo("std"));

        var real = new RealParameter("x", 0, 1);
        Assert.That(real.Contains(0.5) && !real.Contains(1.5), Is.True);
        var continuous = new ConfigurationSpace([real]);
        Assert.That(() => continuous.ValidConfigurations, Throws.InvalidOperationException.With.Message.Contains("cannot be enumerated"));
    }

    [Test]
    public void ParameterNamesCannotHoldKeySeparators()
    {
        Assert.That(() => new IntegerParameter("a=b", 0, 1), Throws.ArgumentException.With.Message.Contains("reserved"));
        Assert.That(() => new CategoricalParameter("m", ["x;y"]), Throws.ArgumentException);
    }
}
