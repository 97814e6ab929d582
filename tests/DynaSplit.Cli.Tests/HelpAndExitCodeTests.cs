using System.Text.Json;

namespace DynaSplit.Cli.Tests;

/// <summary>Help with value placeholders and an example per command; parse errors are bad input (exit code 2).</summary>
public sealed class HelpAndExitCodeTests
{
    [TestCase("simulate", "--pool <FILE>", "--qos-min <MS>", "--budget <F>", "Example: dynasplit simulate --seeds 5 --plot front.png")]
    [TestCase("hypervolume", "--seeds <K>", "--optimizer <NAME>", "--plot <FILE>", "Example: dynasplit hypervolume")]
    [TestCase("inspect", "<MODEL>", "--dim <NAME=VALUE>", "--json", "Example: dynasplit inspect")]
    [TestCase("verify", "--at <INDEX|all|A,B|all-pairs>", "--atol <A>", "--rtol <R>", "Example: dynasplit verify")]
    [TestCase("profile", "--repetitions <N>", "--plot <FILE>", "--dim <NAME=VALUE>", "Example: dynasplit profile")]
    [TestCase("plot", "<INPUT>", "--out <FILE>", "--pool <FILE>", "Example: dynasplit simulate --json")]
    [TestCase("optimize", "--study <FILE>", "--budget <F>", "--cloud <URL>", "Example: dynasplit optimize squeezenet1_1.onnx --budget 0.2 --study study.db")]
    [TestCase("run", "--table <FILE>", "--requests <FILE|->", "--idle-watts <W>", "Example: printf '40\\n15\\n120,7\\n' | dynasplit run --table study.table.json squeezenet1_1.onnx")]
    [TestCase("simulate", "--switch-cost-file <FILE>", "--bandwidth-trace <FILE>", "--switch-cost <MS>", "Example: dynasplit simulate")]
    [TestCase("split", "--at <INDEX>", "--out <DIR>", "--dim <NAME=VALUE>", "Example: dynasplit split model.onnx --at 12 --out parts")]
    [TestCase("serve", "--port <PORT>", "--idle-watts <W>", "--certificate <FILE>", "Example: dynasplit serve model.onnx")]
    [TestCase("export-triton", "--out <DIR>", "--cut <CUT>", "--max-batch-size <N>", "Example: dynasplit export-triton")]
    [TestCase("place", "--profile <FILE|NAME>", "--latency <MS>", "--accuracy <PERCENT>", "Example: dynasplit place --profile b-alexnet")]
    public void HelpNamesTheValuesAndGivesAnExample(string command, string a, string b, string c, string example)
    {
        var (exit, output, _) = Cli.Run(command, "--help");
        Assert.That(exit, Is.Zero);
        Assert.That(output, Does.Contain(a).And.Contain(b).And.Contain(c).And.Contain(example));
        Assert.That(output, Does.Not.Contain("<pool>").And.Not.Contain("<budget>"), "no placeholder repeats the option's name");
    }

    [Test]
    public void EveryCommandNamesItsValuesAndGivesAnExample()
    {
        var (exit, root, _) = Cli.Run("--help");
        Assert.That(exit, Is.Zero);
        var lines = root.Split('\n');
        var start = Array.FindIndex(lines, l => l.TrimEnd() == "Commands:");
        Assert.That(start, Is.GreaterThanOrEqualTo(0), "the root help lists the commands");
        var commands = lines.Skip(start + 1)
            .TakeWhile(l => l.StartsWith("  ", StringComparison.Ordinal))
            .Where(l => l.Length > 2 && l[2] != ' ') // a command's first line; wrapped description lines are indented further
            .Select(l => l.Trim().Split(' ')[0])
            .ToList();
        Assert.That(commands, Has.Count.GreaterThanOrEqualTo(12).And.Contains("serve").And.Contains("place"));

        foreach (var command in commands)
        {
            var (code, help, _) = Cli.Run(command, "--help");
            Assert.That(code, Is.Zero, command);
            var example = help.Split('\n').FirstOrDefault(l => l.Contains("Example:", StringComparison.Ordinal));
            Assert.That(example, Does.Contain($"dynasplit {command} "), $"{command} --help gives an example that runs it");
            var repeated = System.Text.RegularExpressions.Regex.Matches(help, @"--([a-z-]+) <\1>").Select(m => m.Value).ToList();
            Assert.That(repeated, Is.Empty, $"{command} --help: placeholders that repeat the option's name");
        }
    }

    [TestCase("simulate", "--bogus")]
    [TestCase("simulate", "--seeds", "many")]
    [TestCase("frobnicate")]
    public void AParseErrorIsBadInputWithAHint(params string[] args)
    {
        var (exit, output, error) = Cli.Run(args);
        Assert.That(exit, Is.EqualTo(2), "2 = bad input; 1 is reserved for verify's out of tolerance");
        Assert.That(error, Does.StartWith("error: ").And.Contain("--help' for usage."));
        Assert.That(output, Is.Empty);
    }

    [Test]
    public void TheExhaustiveOptimizerMeasuresEverythingOrRefusesASmallerBudget()
    {
        var (refused, _, error) = Cli.Run("simulate", "--optimizer", "exhaustive", "--budget", "0.2");
        Assert.That(refused, Is.EqualTo(2));
        Assert.That(error, Does.Contain("--optimizer exhaustive measures every configuration, so it needs --budget 1"));

        var (exit, output, runError) = Cli.Run("hypervolume", "--optimizer", "exhaustive", "--seeds", "1", "--json");
        Assert.That(exit, Is.Zero, runError);
        using var json = JsonDocument.Parse(output);
        var parameters = json.RootElement.GetProperty("parameters");
        Assert.That(parameters.GetProperty("budget").GetDouble(), Is.EqualTo(1.0), "the default budget of the exhaustive optimizer is everything");
        Assert.That(parameters.GetProperty("budgetConfigurations").GetInt32(), Is.EqualTo(747));
        Assert.That(json.RootElement.GetProperty("command").GetString(), Is.EqualTo("hypervolume"));

        // simulate repeats promising configurations by default, but exhaustive search measures each one once.
        var (simulated, simulateOutput, simulateError) = Cli.Run("simulate", "--optimizer", "exhaustive", "--requests", "200", "--strategies", "dynasplit", "--json");
        Assert.That(simulated, Is.Zero, simulateError);
        using var simulation = JsonDocument.Parse(simulateOutput);
        var offline = simulation.RootElement.GetProperty("offline");
        Assert.That(offline.GetProperty("configurations").GetInt32(), Is.EqualTo(747), "every configuration of the pool measured");
        Assert.That(offline.GetProperty("extraRuns").GetInt32(), Is.Zero);
        Assert.That(simulation.RootElement.GetProperty("parameters").GetProperty("repeats").GetInt32(), Is.EqualTo(1));

        var (repeated, _, repeatError) = Cli.Run("simulate", "--optimizer", "exhaustive", "--repeats", "3");
        Assert.That(repeated, Is.EqualTo(2));
        Assert.That(repeatError, Does.Contain("--optimizer exhaustive measures every configuration once; --repeats 3 would take trials from it"));
    }

    [Test]
    public void SimulateSaysHowManyTrialsWentToRepeatsAndTheJsonCarriesTheOptions()
    {
        var (exit, output, error) = Cli.Run("simulate", "--requests", "200", "--strategies", "dynasplit", "--json");
        Assert.That(exit, Is.Zero, error);
        using var json = JsonDocument.Parse(output);
        var parameters = json.RootElement.GetProperty("parameters");
        Assert.That(parameters.GetProperty("repeats").GetInt32(), Is.EqualTo(3), "simulate's default");
        Assert.That(parameters.GetProperty("repeatShare").GetDouble(), Is.EqualTo(0.1));
        var offline = json.RootElement.GetProperty("offline");
        var trials = offline.GetProperty("budgetConfigurations").GetInt32();
        var extra = offline.GetProperty("extraRuns").GetInt32();
        Assert.That(trials, Is.EqualTo(150));
        Assert.That(extra, Is.InRange(1, 16), "the fastest configurations are measured again, within a tenth of the trials in whole repeats");
        Assert.That(offline.GetProperty("configurations").GetInt32(), Is.EqualTo(trials - extra));

        var (off, offOutput, offError) = Cli.Run("simulate", "--requests", "200", "--strategies", "dynasplit", "--repeats", "1", "--json");
        Assert.That(off, Is.Zero, offError);
        using var withoutRepeats = JsonDocument.Parse(offOutput);
        Assert.That(withoutRepeats.RootElement.GetProperty("offline").GetProperty("configurations").GetInt32(), Is.EqualTo(150));
        Assert.That(withoutRepeats.RootElement.GetProperty("offline").GetProperty("extraRuns").GetInt32(), Is.Zero);

        var (bad, _, badError) = Cli.Run("simulate", "--repeat-share", "1");
        Assert.That(bad, Is.EqualTo(2));
        Assert.That(badError, Does.Contain("--repeat-share 1 is not in [0, 1)"));
    }

    [Test]
    public void InspectSaysWhichDynamicDimensionsWereSetToWhatAndExplainsItsColumns()
    {
        var (exit, output, error) = Cli.Run("inspect", Cli.Model("squeezenet1_1.onnx"));
        Assert.That(exit, Is.Zero, error);
        Assert.That(output, Does.Contain("dynamic dimensions: N=1 (not given: 1); set them with --dim NAME=VALUE."));
        Assert.That(output, Does.Contain("head work    the head's share of the model's multiply-adds"));

        var (givenExit, givenOutput, givenError) = Cli.Run("inspect", Cli.Model("squeezenet1_1.onnx"), "--dim", "N=2", "--json");
        Assert.That(givenExit, Is.Zero, givenError);
        using var json = JsonDocument.Parse(givenOutput);
        var dimension = json.RootElement.GetProperty("dynamicDimensions").EnumerateArray().Single();
        Assert.That(dimension.GetProperty("name").GetString(), Is.EqualTo("N"));
        Assert.That(dimension.GetProperty("value").GetInt64(), Is.EqualTo(2));
        Assert.That(dimension.GetProperty("given").GetBoolean(), Is.True);
    }
}
