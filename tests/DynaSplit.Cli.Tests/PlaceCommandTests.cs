using System.Text.Json;

namespace DynaSplit.Cli.Tests;

public sealed class PlaceCommandTests
{
    [Test]
    public void A_reference_network_gets_the_worked_examples_plan_as_json()
    {
        var (exit, output, error) = Cli.Run("place", "--profile", "b-alexnet", "--latency", "5", "--accuracy", "80", "--json");
        Assert.That(exit, Is.Zero, error);
        using var json = JsonDocument.Parse(output);
        var plan = json.RootElement.GetProperty("plan");

        Assert.That(plan.GetProperty("placement").GetString(), Is.EqualTo("device[1-3] | cloud[4-5] -> exit after block 5"));
        Assert.That(plan.GetProperty("energyJ").GetDouble(), Is.EqualTo(0.085603).Within(5e-7));
        Assert.That(plan.GetProperty("latencyMs").GetDouble(), Is.EqualTo(3.6937).Within(5e-5));
    }

    [Test]
    public void No_plan_is_exit_code_1_and_bad_input_exit_code_2()
    {
        var (infeasible, output, _) = Cli.Run("place", "--profile", "b-alexnet", "--latency", "2", "--accuracy", "80", "--planner", "exhaustive");
        Assert.That(infeasible, Is.EqualTo(1));
        Assert.That(output, Does.Contain("infeasible: no placement of B-AlexNet"));

        var (bad, _, error) = Cli.Run("place", "--profile", "b-alexnet", "--latency", "5", "--accuracy", "80", "--planner", "best");
        Assert.That(bad, Is.EqualTo(2));
        Assert.That(error, Does.Contain("Unknown planner 'best'"));
    }

    [Test]
    public void The_sweep_writes_the_figures_and_counts_the_points_above_65_percent()
    {
        var folder = Path.Combine(Path.GetTempPath(), "dynasplit-place-" + Guid.NewGuid().ToString("N"));
        try
        {
            var (exit, output, error) = Cli.Run("place", "--sweep", "--out", folder, "--json");
            Assert.That(exit, Is.Zero, error);
            using var json = JsonDocument.Parse(output);
            Assert.That(json.RootElement.GetProperty("comparablePoints").GetInt32(), Is.EqualTo(87));
            Assert.That(json.RootElement.GetProperty("savingsAbove65Percent").GetInt32(), Is.EqualTo(16));
            var points = json.RootElement.GetProperty("points").EnumerateArray().ToArray();
            Assert.That(points.All(p => p.GetProperty("finJ").GetDouble() == p.GetProperty("optimumJ").GetDouble()), Is.True, "FIN at gamma 1000 is optimal at every figure point");
            Assert.That(File.ReadAllLines(Path.Combine(folder, "place-figures.csv")), Has.Length.EqualTo(1 + (3 * 29 * 3)));
            Assert.That(Directory.GetFiles(folder, "*.svg"), Has.Length.EqualTo(6));
        }
        finally
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
    }
}
