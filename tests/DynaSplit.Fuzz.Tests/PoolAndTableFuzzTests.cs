using System.Text;
using DynaSplit.Objectives;
using DynaSplit.Scheduling;
using DynaSplit.Simulation.Replay;
using DynaSplit.Simulation.Workload;
using DynaSplit.Spaces;

namespace DynaSplit.Fuzz.Tests;

/// <summary>
/// Mutations of the VGG16 measurement pool (fields replaced by odd numbers and text, rows and columns dropped,
/// duplicated or cut, raw bytes flipped), of QoS traces, and of a lookup table's JSON. Every outcome is a pool or
/// table, or an <see cref="InvalidDataException"/> that names the source.
/// </summary>
public sealed class PoolAndTableFuzzTests
{
    private static readonly string[] OddFields =
    [
        "", " ", "NaN", "-1", "1e308", "1e309", "-0", "0x10", "100000000", "2147483647", "9223372036854775808", "1,5", "\"", "\"\"\"",
        "\"a,b\"", "∞", "1OO", "22.5", "off", "True", "\u0000", new string('9', 400),
    ];

    [Test]
    public void MutatedPoolsAreReadOrRefusedWithTheirName()
    {
        var lines = File.ReadAllLines(Path.Combine(TestContext.CurrentContext.TestDirectory, "Data", "simulation_pool_vgg16.csv"));
        var count = FuzzBudget.Run("pool", (iteration, random) =>
        {
            var rows = lines.Take(1 + random.Next(1, 120)).Select(l => l.Split(',')).ToList();
            var what = new List<string>();
            for (var m = random.Next(1, 5); m > 0; m--)
            {
                what.Add(MutateCsv(rows, random));
            }

            var text = string.Join('\n', rows.Select(r => string.Join(',', r)));
            if (random.Next(5) == 0)
            {
                var bytes = Encoding.UTF8.GetBytes(text);
                for (var f = random.Next(1, 8); f > 0 && bytes.Length > 0; f--)
                {
                    bytes[random.Next(bytes.Length)] = (byte)random.Next(256);
                }

                text = Encoding.UTF8.GetString(bytes);
                what.Add("bytes flipped");
            }

            try
            {
                var pool = MeasurementPoolCsv.Read(new StringReader(text), "fuzz.csv");
                Assert.That(pool.Configurations.Count, Is.GreaterThan(0));
                _ = pool.Space.CountValid();
            }
            catch (Exception ex)
            {
                FuzzBudget.Expect(ex, "pool", iteration, string.Join(", ", what), typeof(InvalidDataException));
                Assert.That(ex.Message, Does.Contain("fuzz.csv"));
            }

            try
            {
                var trace = string.Join('\n', Enumerable.Range(0, random.Next(0, 6)).Select(_ => OddFields[random.Next(OddFields.Length)]));
                QosWorkload.ReadCsv(new StringReader(trace), "trace.csv");
            }
            catch (Exception ex)
            {
                FuzzBudget.Expect(ex, "trace", iteration, "trace", typeof(InvalidDataException));
            }
        });
        Assert.That(count, Is.GreaterThan(0));
    }

    [Test]
    public void MutatedTablesAreReadOrRefused()
    {
        var space = new ConfigurationSpace(
        [
            new IntegerParameter("layer", 0, 5, role: ParameterRole.SplitPoint),
            new OrdinalParameter("cpu-freq", [600, 1200, 1800], ParameterRole.EdgeCpuFrequency, "MHz"),
            new CategoricalParameter("edge-accelerator", ["off", "max"], ParameterRole.EdgeAccelerator),
        ]);
        var entries = space.ValidConfigurations.Take(12).Select((c, i) => new LookupEntry(c, 10 + i, 1.0 / (i + 1), 0.7)).ToList();
        var table = new LookupTable(space, [new ObjectiveDefinition("latency", ObjectiveDirection.Minimize, "ms"), new ObjectiveDefinition("energy", ObjectiveDirection.Minimize, "J")], entries);
        using var stream = new MemoryStream();
        LookupTableJson.Write(table, stream);
        var json = Encoding.UTF8.GetString(stream.ToArray());
        string[] replacements = ["null", "\"\"", "-1", "1e400", "true", "[]", "{}", "\"NaN\"", "99999999999", "\"layer\"", "0.5"];

        var count = FuzzBudget.Run("table", (iteration, random) =>
        {
            var text = json;
            var what = new List<string>();
            for (var m = random.Next(1, 4); m > 0; m--)
            {
                switch (random.Next(4))
                {
                    case 0 when !text.Contains(':', StringComparison.Ordinal):
                        what.Add("no value left to replace");
                        break;
                    case 0:
                        // Replace one JSON value (after a colon) by an odd one.
                        var colons = Enumerable.Range(0, text.Length).Where(i => text[i] == ':').ToList();
                        var at = colons[random.Next(colons.Count)] + 1;
                        var end = at;
                        while (end < text.Length && text[end] is not (',' or '}' or ']' or '\n'))
                        {
                            end++;
                        }

                        var value = replacements[random.Next(replacements.Length)];
                        text = text[..at] + " " + value + text[end..];
                        what.Add($"value at {at} = {value}");
                        break;
                    case 1:
                        // Drop a line (a field or an entry's part).
                        var lines = text.Split('\n').ToList();
                        lines.RemoveAt(random.Next(lines.Count));
                        text = string.Join('\n', lines);
                        what.Add("line dropped");
                        break;
                    case 2:
                        text = text[..random.Next(text.Length)];
                        what.Add("cut");
                        break;
                    default:
                        text = "\uFEFF" + text;
                        what.Add("BOM");
                        break;
                }
            }

            try
            {
                var loaded = LookupTableJson.Read(Encoding.UTF8.GetBytes(text), "fuzz.json");
                _ = loaded.Entries.Count;
            }
            catch (Exception ex)
            {
                FuzzBudget.Expect(ex, "table", iteration, string.Join(", ", what), typeof(InvalidDataException));
            }
        });
        Assert.That(count, Is.GreaterThan(0));
    }

    private static string MutateCsv(List<string[]> rows, Random random)
    {
        if (rows.Count == 0 || rows[0].Length == 0)
        {
            rows.Add(["latency"]);
            return "empty file";
        }

        var row = rows[random.Next(rows.Count)];
        switch (random.Next(6))
        {
            case 0 or 1 when row.Length == 0:
                return "no-op";
            case 0:
            case 1:
                var column = random.Next(row.Length);
                row[column] = OddFields[random.Next(OddFields.Length)];
                return $"field {column} = '{row[column]}'";
            case 2:
                rows.Remove(row);
                return "row dropped";
            case 3:
                rows.Insert(random.Next(rows.Count + 1), (string[])row.Clone());
                return "row duplicated";
            case 4:
                var cut = random.Next(row.Length + 1);
                rows[rows.IndexOf(row)] = row[..cut];
                return $"row cut to {cut} fields";
            default:
                var drop = random.Next(rows[0].Length);
                for (var r = 0; r < rows.Count; r++)
                {
                    if (drop < rows[r].Length)
                    {
                        rows[r] = rows[r].Where((_, i) => i != drop).ToArray();
                    }
                }

                return $"column {drop} dropped";
        }
    }
}
