using System.Text.Json;

namespace DynaSplit.Cli.Tests;

public sealed class SimulateCommandTests
{
    [Test]
    public void JsonListsAllSevenStrategiesWithTheDocumentedFieldsWhenSwitchingCosts()
    {
        var (exit, output, error) = Cli.Run("simulate", "--json", "--requests", "2000", "--switch-cost", "1");
        Assert.That(exit, Is.Zero, error);

        using var json = JsonDocument.Parse(output);
        var rows = json.RootElement.GetProperty("outcomes").EnumerateArray().ToList();
        Assert.That(rows.Select(r => r.GetProperty("strategy").GetString()),
            Is.EquivalentTo(new[] { "cloud-only", "edge-only", "static-lowest-energy", "static-lowest-latency", "dynasplit", "predictive", "oracle" }));
        foreach (var row in rows)
        {
            Assert.That(row.EnumerateObject().Select(p => p.Name), Is.EqualTo(new[] { "strategy", "meanLatencyMs", "meanEnergyJ", "qosMet", "energySavedVsCloud", "switches", "segments" }));
            Assert.That(row.GetProperty("qosMet").GetDouble(), Is.InRange(0.0, 1.0));
        }

        var parameters = json.RootElement.GetProperty("parameters");
        Assert.That(json.RootElement.GetProperty("command").GetString(), Is.EqualTo("simulate"));
        Assert.That(parameters.GetProperty("requests").GetInt32(), Is.EqualTo(2000));
        Assert.That(parameters.GetProperty("budget").GetDouble(), Is.EqualTo(0.2));
        Assert.That(parameters.GetProperty("optimizer").GetString(), Is.EqualTo("nsga3-budget"));
        Assert.That(parameters.GetProperty("seeds").GetInt32(), Is.EqualTo(1));
        Assert.That(parameters.GetProperty("pool").GetString(), Is.EqualTo("embedded:simulation_pool_vgg16.csv"));
        Assert.That(json.RootElement.GetProperty("offline").GetProperty("budgetConfigurations").GetInt32(), Is.EqualTo(150), "20% of 747");
        Assert.That(json.RootElement.GetProperty("offline").GetProperty("exhaustiveFront").GetArrayLength(), Is.InRange(2, 747));

        var cloud = rows.Single(r => r.GetProperty("strategy").GetString() == "cloud-only");
        Assert.That(cloud.GetProperty("energySavedVsCloud").GetDouble(), Is.Zero);
        Assert.That(cloud.GetProperty("meanEnergyJ").GetDouble(), Is.InRange(60.0, 80.0), "the recorded cloud-only runs cost about 69 J");
    }

    [TestCase("1")]
    [TestCase("5")]
    public void Nsga3SavesWithinOnePointOfTheOracleAtTheSameOrBetterQos(string seeds)
    {
        // The acceptance of the optimizer issue: the default offline phase (NSGA-III, 20% budget) on the VGG16 pool,
        // 10,000 requests, against the oracle that knows every configuration's mean.
        var (exit, output, error) = Cli.Run("simulate", "--json", "--strategies", "dynasplit,oracle", "--seeds", seeds);
        Assert.That(exit, Is.Zero, error);
        using var json = JsonDocument.Parse(output);
        var rows = json.RootElement.GetProperty("outcomes").EnumerateArray().ToDictionary(r => r.GetProperty("strategy").GetString()!);
        var dynasplit = rows["dynasplit"];
        var oracle = rows["oracle"];
        TestContext.Out.WriteLine(output);
        Assert.Multiple(() =>
        {
            Assert.That(dynasplit.GetProperty("energySavedVsCloud").GetDouble(), Is.GreaterThanOrEqualTo(oracle.GetProperty("energySavedVsCloud").GetDouble() - 0.01));
            Assert.That(dynasplit.GetProperty("qosMet").GetDouble(), Is.GreaterThanOrEqualTo(oracle.GetProperty("qosMet").GetDouble()));
        });
    }

    [Test]
    public void ThePlainNsga3RemainsSelectable()
    {
        var (exit, output, error) = Cli.Run("simulate", "--json", "--requests", "500", "--strategies", "dynasplit", "--optimizer", "nsga3-plain");
        Assert.That(exit, Is.Zero, error);
        using var json = JsonDocument.Parse(output);
        Assert.That(json.RootElement.GetProperty("outcomes").GetArrayLength(), Is.EqualTo(1));
    }

    [Test]
    public void TheTableOutFileIsALookupTable()
    {
        var path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"table-{Guid.NewGuid():N}.json");
        try
        {
            var (exit, _, error) = Cli.Run("simulate", "--requests", "100", "--strategies", "dynasplit", "--table-out", path);
            Assert.That(exit, Is.Zero, error);
            using var json = JsonDocument.Parse(File.ReadAllText(path));
            Assert.That(json.RootElement.GetProperty("format").GetString(), Is.EqualTo("dynasplit-lookup-table"));
            Assert.That(json.RootElement.GetProperty("entries").GetArrayLength(), Is.GreaterThan(1));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Test]
    public void AQosTraceReplacesTheWeibullWorkload()
    {
        var trace = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"trace-{Guid.NewGuid():N}.csv");
        File.WriteAllText(trace, "threshold_ms\n10000\n10000\n10000\n");
        try
        {
            var (exit, output, error) = Cli.Run("simulate", "--json", "--qos-trace", trace, "--strategies", "dynasplit,edge-only");
            Assert.That(exit, Is.Zero, error);
            using var json = JsonDocument.Parse(output);
            Assert.That(json.RootElement.GetProperty("outcomes").EnumerateArray().Select(r => r.GetProperty("qosMet").GetDouble()), Is.All.EqualTo(1.0), "every strategy meets a 10 s threshold");
        }
        finally
        {
            File.Delete(trace);
        }
    }

    [TestCase("--pool", "/nonexistent/pool.csv", "/nonexistent/pool.csv")]
    [TestCase("--budget", "1.5", "--budget 1.5 is not in (0, 1]")]
    [TestCase("--optimizer", "annealing", "Unknown optimizer 'annealing'")]
    [TestCase("--strategies", "greedy", "Unknown strategy 'greedy'")]
    [TestCase("--requests", "0", "--requests must be at least 1")]
    public void BadInputGetsAClearErrorAndExitCode2(string option, string value, string expected)
    {
        var (exit, output, error) = Cli.Run("simulate", option, value);
        Assert.That(exit, Is.EqualTo(2));
        Assert.That(error, Does.StartWith("error: ").And.Contain(expected));
        Assert.That(output, Is.Empty);
    }

    [Test]
    public void ABadPoolRowIsReportedWithFileLineAndColumn()
    {
        var pool = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"pool-{Guid.NewGuid():N}.csv");
        File.WriteAllText(pool, "latency,energy,layer\n100,2,0\n120,x,1\n");
        try
        {
            var (exit, _, error) = Cli.Run("simulate", "--pool", pool);
            Assert.That(exit, Is.EqualTo(2));
            Assert.That(error, Does.Contain($"{pool}:3, column 'energy': 'x' is not a number."));
        }
        finally
        {
            File.Delete(pool);
        }
    }
}
