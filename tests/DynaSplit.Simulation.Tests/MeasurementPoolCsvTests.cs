using DynaSplit.Simulation.Replay;
using DynaSplit.Spaces;

namespace DynaSplit.Simulation.Tests;

public sealed class MeasurementPoolCsvTests
{
    [Test]
    public void Vgg16PoolDerivesThePaperSpaceRestrictedToWhatWasMeasured()
    {
        var pool = Pools.Vgg16();

        Assert.That(pool.RowCount, Is.EqualTo(1082));
        Assert.That(pool.Configurations, Has.Count.EqualTo(747));
        Assert.That(pool.HasAccuracy, Is.True);
        Assert.That(pool.Space.Parameters.Select(p => (p.Name, p.Role)), Is.EqualTo(new[]
        {
            ("cpu-freq", ParameterRole.EdgeCpuFrequency), ("layer", ParameterRole.SplitPoint),
            ("edge-accelerator", ParameterRole.EdgeAccelerator), ("server-accelerator", ParameterRole.CloudAccelerator),
        }));
        Assert.That(((OrdinalParameter)pool.Space["cpu-freq"]).Levels, Is.EqualTo(new double[] { 600, 800, 1000, 1200, 1400, 1600, 1800 }));
        Assert.That(((CategoricalParameter)pool.Space["edge-accelerator"]).Choices, Is.EqualTo(new[] { "off", "std", "max" }));
        Assert.That(((CategoricalParameter)pool.Space["server-accelerator"]).Choices, Is.EqualTo(new[] { "False", "True" }));
        Assert.That(pool.Space.Rules.Select(r => r.Description), Has.Some.Contains("edge-accelerator must be off when layer is 0"));
        Assert.That(pool.Space.Rules.Select(r => r.Description), Has.Some.Contains("server-accelerator must be False when layer is 22"));

        // Without the "measured only" rule, the derived parameters give the paper's 917-configuration space.
        var unrestricted = new ConfigurationSpace(pool.Space.Parameters, pool.Space.Rules.Where(r => r is not AllowedCombinationsRule));
        Assert.That(unrestricted.CountValid(), Is.EqualTo(917));
    }

    [Test]
    public void RunsAndMeansComeFromTheFile()
    {
        var pool = Pools.Vgg16();
        var edgeOnly = pool.Space.ParseKey("cpu-freq=1200;layer=22;edge-accelerator=max;server-accelerator=False");
        var runs = pool.GetRuns(edgeOnly);

        Assert.That(runs.Select(r => r.LatencyMs), Has.Member(428.239975815));
        Assert.That(runs.All(r => r.Accuracy == 0.603), Is.True);
        Assert.That(pool.Means[edgeOnly].LatencyMs, Is.EqualTo(runs.Average(r => r.LatencyMs)).Within(1e-9));
        Assert.That(runs[0].Energy!.EdgeJ, Is.EqualTo(runs[0].EnergyJ).Within(1e-12), "edge only: all energy on the edge");
        Assert.That(runs[0].Latency!.TransferMs, Is.Zero);
        Assert.That(pool.Configurations.Sum(c => pool.GetRuns(c).Count), Is.EqualTo(1082));
    }

    [Test]
    public void APoolWhereAParameterNeverVariesLeavesItOutOfTheSpace()
    {
        var pool = Pools.Variant(row => row["cpu-freq"] == "1800.0");

        Assert.That(pool.Space.Parameters.Select(p => p.Name), Is.EqualTo(new[] { "layer", "edge-accelerator", "server-accelerator" }));
        Assert.That(pool.FixedParameters, Is.EqualTo(new Dictionary<string, string> { ["cpu-freq"] = "1800" }));
        Assert.That(pool.Configurations.Count, Is.GreaterThan(50));
    }

    [Test]
    public void APoolWithMissingSplitIndicesOffersOnlyTheMeasuredOnes()
    {
        var pool = Pools.Variant(row => row["layer"] is not ("5.0" or "6.0" or "13.0"));
        var layers = pool.Configurations.Select(c => c["layer"]).Distinct().ToArray();

        Assert.That(layers, Does.Not.Contain(5.0).And.Not.Contain(6.0).And.Not.Contain(13.0));
        Assert.That(layers, Does.Contain(0.0).And.Contain(22.0));
        Assert.That(pool.Space.IsValid(pool.Space.ParseKey("cpu-freq=1800;layer=5;edge-accelerator=std;server-accelerator=True")), Is.False);
    }

    [Test]
    public void APoolWithoutAccuracyLoads()
    {
        var pool = Pools.Variant(_ => true, "accuracy");
        Assert.That(pool.HasAccuracy, Is.False);
        Assert.That(pool.Means.Values.All(m => m.Accuracy is null), Is.True);
        Assert.That(pool.Configurations, Has.Count.EqualTo(747));
    }

    [Test]
    public void AMissingColumnIsNamedWithTheFileAndLine()
    {
        var csv = "accuracy,energy,layer\n0.6,2.1,3\n";
        Assert.That(() => MeasurementPoolCsv.Read(new StringReader(csv), "pool.csv"),
            Throws.TypeOf<InvalidDataException>().With.Message.EqualTo("pool.csv:1: missing column 'latency'. The header has: accuracy, energy, layer."));
    }

    [Test]
    public void ABadNumberIsNamedWithTheFileLineAndColumn()
    {
        var csv = "latency,energy,layer\n100,2.1,3\n101,abc,4\n";
        Assert.That(() => MeasurementPoolCsv.Read(new StringReader(csv), "pool.csv"),
            Throws.TypeOf<InvalidDataException>().With.Message.EqualTo("pool.csv:3, column 'energy': 'abc' is not a number."));
    }

    [TestCase("latency,energy,layer\n100,2.1,3.5\n", "pool.csv:2, column 'layer': '3.5' is not a split index")]
    [TestCase("latency,energy,layer\n100,2.1\n", "pool.csv:2: 2 fields, but the header has 3.")]
    [TestCase("latency,energy,layer\n", "no measurement rows")]
    [TestCase("latency,energy\n100,2\n", "no parameter column")]
    [TestCase("latency,energy,layer\n100,2,3\n100,2,3\n", "every parameter column holds a single value")]
    [TestCase("", "the file is empty")]
    public void MalformedPoolsGiveAClearError(string csv, string expected)
    {
        Assert.That(() => MeasurementPoolCsv.Read(new StringReader(csv), "pool.csv"), Throws.TypeOf<InvalidDataException>().With.Message.Contains(expected));
    }

    [Test]
    public void AMissingFileIsNamed()
    {
        Assert.That(() => MeasurementPoolCsv.Load("/nonexistent/pool.csv"), Throws.TypeOf<InvalidDataException>().With.Message.Contains("/nonexistent/pool.csv"));
    }
}
