using System.Text;
using DynaSplit.Objectives;
using DynaSplit.Scheduling;
using DynaSplit.Spaces;

namespace DynaSplit.Core.Tests.Scheduling;

public sealed class LookupTableJsonTests
{
    [Test]
    public void RoundTripKeepsParametersObjectivesAndEntries()
    {
        var space = new ConfigurationSpace(
        [
            new OrdinalParameter("cpu-freq", [600, 1800], ParameterRole.EdgeCpuFrequency, "MHz"),
            new IntegerParameter("layer", 0, 22, 1, ParameterRole.SplitPoint),
            new CategoricalParameter("edge-accelerator", ["off", "std", "max"], ParameterRole.EdgeAccelerator),
            new RealParameter("alpha", 0, 1),
        ]);
        var table = new LookupTable(space, WellKnownObjectives.LatencyEnergyAccuracy,
        [
            new LookupEntry(space.Create([1800, 3, 2, 0.25]), 101.5, 12.25, 0.603),
            new LookupEntry(space.Create([600, 22, 0, 1]), 428.2, 2.236, null),
        ]);

        using var stream = new MemoryStream();
        LookupTableJson.Write(table, stream);
        var loaded = LookupTableJson.Read(stream.ToArray(), "test");

        Assert.That(loaded.Space.HasSameParameters(space), Is.True);
        Assert.That(loaded.Space.Parameters.Select(p => p.Role), Is.EqualTo(space.Parameters.Select(p => p.Role)));
        Assert.That(loaded.Objectives, Is.EqualTo(table.Objectives));
        Assert.That(loaded.Entries.Select(e => (e.Configuration.Key, e.LatencyMs, e.EnergyJ, e.Accuracy)),
            Is.EqualTo(table.Entries.Select(e => (e.Configuration.Key, e.LatencyMs, e.EnergyJ, e.Accuracy))));
    }

    [Test]
    public async Task SaveWritesAFileThatLoads()
    {
        var space = SplitComputingSpace.PaperVgg16();
        var table = new LookupTable(space, WellKnownObjectives.LatencyEnergy, space.ValidConfigurations.Take(3).Select((c, i) => new LookupEntry(c, 100 + i, 10 - i, null)));
        var path = Path.Combine(Path.GetTempPath(), $"table-{Guid.NewGuid():N}.json");
        try
        {
            await LookupTableJson.SaveAsync(table, path, CancellationToken.None);
            var loaded = LookupTableJson.Load(path);
            Assert.That(loaded.Entries.Select(e => e.Configuration.Key), Is.EqualTo(table.Entries.Select(e => e.Configuration.Key)));
            Assert.That(File.Exists(path + ".tmp"), Is.False);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [TestCase("not json", "not valid JSON")]
    [TestCase("{\"format\":\"other\",\"version\":1}", "expected 'dynasplit-lookup-table'")]
    [TestCase("{\"format\":\"dynasplit-lookup-table\",\"version\":9}", "version 9 is not supported")]
    [TestCase("{\"format\":\"dynasplit-lookup-table\",\"version\":1,\"parameters\":[{\"name\":\"layer\",\"kind\":\"integer\",\"min\":0,\"max\":3,\"step\":1}],\"objectives\":[],\"entries\":[{\"configuration\":{\"layer\":\"7\"},\"latencyMs\":1,\"energyJ\":1}]}", "'7' is not in the domain of 'layer'")]
    public void BadFilesGiveAClearError(string json, string expected)
    {
        Assert.That(() => LookupTableJson.Read(Encoding.UTF8.GetBytes(json), "table.json"),
            Throws.TypeOf<InvalidDataException>().With.Message.StartsWith("table.json").And.Message.Contains(expected));
    }

    [Test]
    public void MissingFileNamesThePath()
    {
        Assert.That(() => LookupTableJson.Load("/nonexistent/table.json"), Throws.TypeOf<InvalidDataException>().With.Message.Contains("/nonexistent/table.json"));
    }
}
