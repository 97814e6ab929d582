using DynaSplit.Simulation.Serving;
using DynaSplit.Spaces;

namespace DynaSplit.Cli.Tests;

/// <summary>`simulate --switch-cost-file`: the per-knob model, its file formats and errors, and the shipped SPLINTER example.</summary>
public sealed class SwitchCostFileTests
{
    private static readonly ConfigurationSpace Space = new(
    [
        new OrdinalParameter("cpu-freq", [600, 1200, 1800], ParameterRole.EdgeCpuFrequency, "MHz"),
        new IntegerParameter("layer", 0, 22, 1, ParameterRole.SplitPoint),
        new CategoricalParameter("edge-accelerator", ["off", "std", "max"], ParameterRole.EdgeAccelerator),
    ]);

    private static Configuration Config(double cpu, double layer, string accelerator) => Space.Create(new Dictionary<string, string>
    {
        ["cpu-freq"] = cpu.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["layer"] = layer.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["edge-accelerator"] = accelerator,
    });

    private static KnobSwitchCosts Csv(string text) => KnobSwitchCosts.Read(new StringReader(text), "costs.csv");

    [Test]
    public void TheMostSpecificRuleWinsAndTheOverheadIsChargedOncePerHardwareChange()
    {
        var costs = Csv("""
            # comment
            knob,from,to,ms
            *,*,*,10
            cpu-freq,*,*,20
            cpu-freq,600,1800,35
            edge-accelerator,off,*,400
            @switch,*,*,50
            """);
        var a = Config(600, 5, "off");
        Assert.That(costs.EstimateMs(a, a), Is.Zero, "nothing changes");
        Assert.That(costs.EstimateMs(a, Config(600, 9, "off")), Is.Zero, "a cut point is not hardware: * does not price it, no overhead");
        Assert.That(costs.EstimateMs(a, Config(1200, 5, "off")), Is.EqualTo(50 + 20), "cpu-freq,*,* beats *,*,*");
        Assert.That(costs.EstimateMs(a, Config(1800, 5, "off")), Is.EqualTo(50 + 35), "the exact transition beats the knob's rule");
        Assert.That(costs.EstimateMs(Config(1800, 5, "off"), a), Is.EqualTo(50 + 20), "transitions are directed");
        Assert.That(costs.EstimateMs(a, Config(1800, 5, "max")), Is.EqualTo(50 + 35 + 400), "knobs add up, overhead once");
        Assert.That(costs.EstimateMs(Config(600, 5, "max"), Config(600, 5, "std")), Is.EqualTo(50 + 10), "off->* does not match max->std; the wildcard rule does");
        Assert.That(costs.EstimateMs(null, a), Is.EqualTo(50 + 20 + 10), "from an unknown state only from=* rules apply");
    }

    [Test]
    public void JsonSaysTheSameAsCsv()
    {
        var json = KnobSwitchCosts.Read(new StringReader("""[{"knob": "cpu-freq", "ms": 20}, {"knob": "edge-accelerator", "from": "off", "to": "max", "ms": 400}, {"knob": "@switch", "ms": 5}]"""), "costs.json");
        var csv = Csv("knob,from,to,ms\ncpu-freq,*,*,20\nedge-accelerator,off,max,400\n@switch,*,*,5\n");
        var from = Config(600, 3, "off");
        foreach (var to in new[] { Config(1200, 3, "off"), Config(600, 3, "max"), Config(1800, 7, "max"), Config(600, 3, "std") })
        {
            Assert.That(json.EstimateMs(from, to), Is.EqualTo(csv.EstimateMs(from, to)), to.Key);
        }

        Assert.That(json.EstimateMs(from, Config(1800, 3, "max")), Is.EqualTo(425));
    }

    [TestCase("knob,from,to,ms\ncpu-frq,*,*,20\n", "costs.csv, line 2: no knob 'cpu-frq' in this space; its parameters are cpu-freq, layer, edge-accelerator")]
    [TestCase("knob,from,to,ms\ncpu-freq,700,*,20\n", "costs.csv, line 2: '700' is not a value of 'cpu-freq'; its values are 600, 1200, 1800")]
    [TestCase("knob,from,to,ms\ncpu-freq,*,*,-1\n", "costs.csv, line 2: the cost -1 ms must be a finite number, 0 or more")]
    [TestCase("knob,from,to,ms\ncpu-freq,*,20\n", "costs.csv, line 2: 3 fields; each rule is 'knob,from,to,ms'")]
    [TestCase("cpu-freq,*,*,20\n", "costs.csv, line 1: the first line must be the header 'knob,from,to,ms'")]
    [TestCase("knob,from,to,ms\n@switch,off,*,20\n", "costs.csv, line 2: @switch is charged once per reconfiguration; its from and to must be '*'")]
    public void ABadFileIsRefusedNamingTheLine(string text, string message)
    {
        var ex = Assert.Throws<InvalidDataException>(() => Csv(text).Validate(Space));
        Assert.That(ex!.Message, Does.StartWith(message));
    }

    [Test]
    public void TheShippedSplinterFileChargesWhatTheConstantOptionChargesWithTheArtifactsMean()
    {
        var file = Cli.RepositoryFile("docs/switch-costs/splinter-vgg16.csv");
        var (exit, output, error) = Cli.Run("simulate", "--requests", "1500", "--switch-cost-file", file, "--strategies", "dynasplit,predictive,oracle");
        Assert.That(exit, Is.Zero, error);
        var (constantExit, constant, constantError) = Cli.Run("simulate", "--requests", "1500", "--switch-cost", "154.38", "--strategies", "dynasplit,predictive,oracle");
        Assert.That(constantExit, Is.Zero, constantError);
        Assert.That(Rows(output), Is.EqualTo(Rows(constant)), "the same figures: 154.38 ms once per change of hardware settings");
        Assert.That(output, Does.Contain("reconfiguration: from splinter-vgg16.csv: 154.4 ms per change of hardware settings"));

        var (bothExit, _, bothError) = Cli.Run("simulate", "--switch-cost", "10", "--switch-cost-file", file);
        Assert.That(bothExit, Is.EqualTo(2));
        Assert.That(bothError, Does.Contain("give one"));
    }

    private static string[] Rows(string output) => output.Split('\n').SkipWhile(l => !l.StartsWith("strategy", StringComparison.Ordinal)).Where(l => l.Length > 0).ToArray();

}
