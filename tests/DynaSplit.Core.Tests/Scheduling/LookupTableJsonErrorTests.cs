using System.Text;
using System.Text.Json.Nodes;
using DynaSplit.Execution;
using DynaSplit.Objectives;
using DynaSplit.Scheduling;
using DynaSplit.Spaces;
using DynaSplit.Trials;

namespace DynaSplit.Core.Tests.Scheduling;

/// <summary>
/// Issue 15: a table whose field is missing or has the wrong type is refused with the file's name and the field's
/// JSON path (not "The given key was not present in the dictionary"); a UTF-8 byte-order mark is accepted.
/// </summary>
public sealed class LookupTableJsonErrorTests
{
    private const string File = "table.json";

    [TestCase("entries[3].objectives.latency", "\"fast\"", "table.json: entries[3].objectives.latency is \"fast\", expected a number.")]
    [TestCase("entries[2].configuration.layer", "7", "table.json: entries[2].configuration.layer is 7, expected a string.")]
    [TestCase("entries[0].stages[1].bytesSent", "1.5", "table.json: entries[0].stages[1].bytesSent is 1.5, expected an integer between -2^63 and 2^63-1.")]
    [TestCase("entries[1].latency.edgeMs", "null", "table.json: entries[1].latency.edgeMs is null, expected a number.")]
    [TestCase("entries[4].latencyMs", "[1]", "table.json: entries[4].latencyMs is [1], expected a number.")]
    [TestCase("parameters[1].levels[2]", "\"x\"", "table.json: parameters[1].levels[2] is \"x\", expected a number.")]
    [TestCase("parameters[0].min", "\"0\"", "table.json: parameters[0].min is \"0\", expected an integer.")]
    [TestCase("binding.lastCut", "2.5", "table.json: binding.lastCut is 2.5, expected an integer between -2^31 and 2^31-1.")]
    [TestCase("objectives[0].direction", "\"up\"", "table.json: objectives[0].direction: 'up' is neither 'minimize' nor 'maximize'.")]
    [TestCase("entries", "{}", "table.json: entries is {}, expected an array.")]
    [TestCase("entries[0].stages", "{\"stage\":0}", "table.json: entries[0].stages is {\"stage\":0}, expected an array.")]
    public void AFieldOfTheWrongTypeIsNamedByItsPath(string path, string value, string expected)
    {
        var json = Set(ValidTable(), path, JsonNode.Parse(value));

        Assert.That(() => LookupTableJson.Read(Encoding.UTF8.GetBytes(json), File), Throws.TypeOf<InvalidDataException>().With.Message.EqualTo(expected));
    }

    [TestCase("entries[1].latencyMs", "table.json: entries[1].latencyMs is missing.")]
    [TestCase("entries[3].configuration.cpu-freq", "table.json: entries[3].configuration.cpu-freq is missing.")]
    [TestCase("entries[0].stages[1].tier", "table.json: entries[0].stages[1].tier is missing.")]
    [TestCase("entries[2].energy.cloudJ", "table.json: entries[2].energy.cloudJ is missing.")]
    [TestCase("parameters[1].levels", "table.json: parameters[1].levels is missing.")]
    [TestCase("objectives[1].name", "table.json: objectives[1].name is missing.")]
    [TestCase("objectives", "table.json: objectives is missing.")]
    [TestCase("version", "table.json: version is missing.")]
    public void AMissingFieldIsNamedByItsPath(string path, string expected)
    {
        var json = Set(ValidTable(), path, null, remove: true);

        Assert.That(() => LookupTableJson.Read(Encoding.UTF8.GetBytes(json), File), Throws.TypeOf<InvalidDataException>().With.Message.EqualTo(expected));
    }

    [Test]
    public void AParameterTheLibraryRefusesIsNamedByItsPath()
    {
        var json = Set(Set(ValidTable(), "parameters[0].min", JsonValue.Create(9)), "parameters[0].max", JsonValue.Create(2));

        Assert.That(() => LookupTableJson.Read(Encoding.UTF8.GetBytes(json), File),
            Throws.TypeOf<InvalidDataException>().With.Message.StartsWith("table.json: parameters[0]: ").And.Message.Contains("layer"));
    }

    [Test]
    public void AnErrorInAFileNamesTheFile()
    {
        var path = Path.Combine(Path.GetTempPath(), $"table-{Guid.NewGuid():N}.json");
        try
        {
            System.IO.File.WriteAllText(path, Set(ValidTable(), "entries[3].objectives.energy", JsonValue.Create("lots")));

            Assert.That(() => LookupTableJson.Load(path),
                Throws.TypeOf<InvalidDataException>().With.Message.EqualTo($"{path}: entries[3].objectives.energy is \"lots\", expected a number."));
        }
        finally
        {
            System.IO.File.Delete(path);
        }
    }

    [Test]
    public void AFileWithAUtf8ByteOrderMarkLoads()
    {
        var path = Path.Combine(Path.GetTempPath(), $"table-{Guid.NewGuid():N}.json");
        try
        {
            System.IO.File.WriteAllText(path, ValidTable(), new UTF8Encoding(encoderShouldEmitUTF8Identifier: true));
            Assert.That(System.IO.File.ReadAllBytes(path)[..3], Is.EqualTo(new byte[] { 0xEF, 0xBB, 0xBF }), "the file starts with a byte-order mark");

            var table = LookupTableJson.Load(path);

            Assert.That(table.Entries, Has.Count.EqualTo(5));
            Assert.That(table.Entries[3].Objectives["latency"], Is.EqualTo(103));
            Assert.That(table.Entries[0].Stages[1].BytesSent, Is.EqualTo(4096));
        }
        finally
        {
            System.IO.File.Delete(path);
        }
    }

    /// <summary>A valid version-2 table of five entries with every optional detail, as the library writes it.</summary>
    private static string ValidTable()
    {
        var space = new ConfigurationSpace(
        [
            new IntegerParameter("layer", 0, 5, role: ParameterRole.SplitPoint),
            new OrdinalParameter("cpu-freq", [600, 1200, 1800], ParameterRole.EdgeCpuFrequency, "MHz"),
        ]);
        var entries = space.ValidConfigurations.Take(5).Select((c, i) => new LookupEntry(c, 100 + i, 10 - i, 0.7)
        {
            Objectives = new Dictionary<string, double> { ["latency"] = 100 + i, ["energy"] = 10 - i },
            Latency = new LatencyBreakdown(40, 20, 40 + i),
            Energy = new EnergyBreakdown(2, 8 - i),
            TransferredBytes = 4096,
            Stages =
            [
                new StageMeasurement(0, "edge", 40, 0, 0, 4096),
                new StageMeasurement(1, "cloud", 40 + i, 20, 4096, 0) { EnergyJ = 8 - i },
            ],
        }).ToList();
        var table = new LookupTable(space, WellKnownObjectives.LatencyEnergy, entries) { Binding = new TableBinding("sha256:00", 5, ["edge", "cloud"]) };
        using var stream = new MemoryStream();
        LookupTableJson.Write(table, stream);
        var json = Encoding.UTF8.GetString(stream.ToArray());
        Assert.That(LookupTableJson.Read(Encoding.UTF8.GetBytes(json), File).Entries, Has.Count.EqualTo(5), "the unmodified table loads");
        return json;
    }

    /// <summary>Sets (or removes) the value at a path like <c>entries[3].objectives.latency</c>.</summary>
    private static string Set(string json, string path, JsonNode? value, bool remove = false)
    {
        var root = JsonNode.Parse(json)!;
        var steps = path.Replace("[", ".[", StringComparison.Ordinal).Split('.');
        var node = root;
        for (var i = 0; i < steps.Length - 1; i++)
        {
            node = Step(node, steps[i]);
        }

        var last = steps[^1];
        if (last.StartsWith('['))
        {
            node.AsArray()[int.Parse(last[1..^1], System.Globalization.CultureInfo.InvariantCulture)] = value;
        }
        else if (remove)
        {
            Assert.That(node.AsObject().Remove(last), Is.True, $"{path} exists");
        }
        else
        {
            Assert.That(node.AsObject().ContainsKey(last), Is.True, $"{path} exists");
            node[last] = value;
        }

        return root.ToJsonString();
    }

    private static JsonNode Step(JsonNode node, string step) => step.StartsWith('[')
        ? node.AsArray()[int.Parse(step[1..^1], System.Globalization.CultureInfo.InvariantCulture)]!
        : node[step] ?? throw new AssertionException($"no '{step}' in the table");
}
