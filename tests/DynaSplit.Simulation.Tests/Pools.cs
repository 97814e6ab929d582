using DynaSplit.Simulation.Replay;

namespace DynaSplit.Simulation.Tests;

internal static class Pools
{
    public static string Vgg16Path => Path.Combine(TestContext.CurrentContext.TestDirectory, "Data", "simulation_pool_vgg16.csv");

    public static MeasurementPool Vgg16() => MeasurementPoolCsv.Load(Vgg16Path);

    /// <summary>The VGG16 pool text, with rows filtered and columns dropped, as another model's pool might look.</summary>
    public static MeasurementPool Variant(Func<Dictionary<string, string>, bool> keepRow, params string[] dropColumns)
    {
        var lines = File.ReadAllLines(Vgg16Path);
        var header = lines[0].Split(',');
        var keep = Enumerable.Range(0, header.Length).Where(i => !dropColumns.Contains(header[i])).ToArray();
        var text = new List<string> { string.Join(',', keep.Select(i => header[i])) };
        foreach (var line in lines.Skip(1))
        {
            var fields = line.Split(',');
            var row = header.Zip(fields).ToDictionary(p => p.First, p => p.Second);
            if (keepRow(row))
            {
                text.Add(string.Join(',', keep.Select(i => fields[i])));
            }
        }

        return MeasurementPoolCsv.Read(new StringReader(string.Join('\n', text)), "variant.csv");
    }
}
