using System.CommandLine;
using System.Text.Json;
using DynaSplit.Cli.Plotting;
using DynaSplit.Scheduling;

namespace DynaSplit.Cli.Commands;

/// <summary>
/// `plot INPUT --out FILE`: draws the picture of a saved result without running anything again: the JSON that
/// <c>simulate</c>, <c>hypervolume</c> or <c>profile</c> print with <c>--json</c>, or a lookup table saved with
/// <c>simulate --table-out</c> (its entries in the latency x energy plane, against a pool's exhaustive front with
/// <c>--pool</c>).
/// </summary>
internal static class PlotCommand
{
    public static Command Create()
    {
        var input = new Argument<FileInfo>("INPUT") { Description = "A --json output of simulate, hypervolume or profile, or a lookup table JSON (simulate --table-out)." };
        var output = new Option<FileInfo>("--out") { HelpName = "FILE", Description = "The picture to write (.png or .svg).", Required = true };
        var pool = new Option<string?>("--pool") { HelpName = "FILE", Description = "A measurement pool CSV (or 'embedded') whose configurations and exhaustive front are drawn behind a lookup table or a simulate result (default for simulate: its pool when it is the embedded one)." };
        var command = new Command("plot", """
            Draw the picture of a saved result: simulate/hypervolume/profile --json output, or a lookup table.

            Example: dynasplit simulate --json > run.json && dynasplit plot run.json --out front.svg
            """);
        command.Arguments.Add(input);
        command.Options.Add(output);
        command.Options.Add(pool);
        command.SetAction((result, cancellationToken) => CliOutput.GuardAsync(async () =>
        {
            var inputFile = result.GetValue(input)!;
            var outputPath = result.GetValue(output)!.FullName;
            Figure.CheckPath(outputPath, "--out");
            if (!inputFile.Exists)
            {
                throw new FileNotFoundException($"{inputFile.FullName} does not exist.");
            }

            var bytes = await File.ReadAllBytesAsync(inputFile.FullName, cancellationToken).ConfigureAwait(false);
            var figure = Read(inputFile.FullName, bytes, result.GetValue(pool));
            figure.Save(outputPath);
            Console.WriteLine($"wrote {outputPath}");
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static Figure Read(string path, byte[] bytes, string? poolPath)
    {
        JsonElement root;
        try
        {
            using var document = JsonDocument.Parse(bytes, new JsonDocumentOptions { AllowTrailingCommas = true });
            root = document.RootElement.Clone();
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"{path} is not JSON: {ex.Message}");
        }

        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new InvalidDataException($"{path} is not a result this command draws: expected a JSON object from simulate/hypervolume/profile --json or a lookup table.");
        }

        if (root.TryGetProperty("format", out var format) && format.ValueKind == JsonValueKind.String && format.GetString() == "dynasplit-lookup-table")
        {
            var table = LookupTableJson.Read(bytes, path);
            var pool = poolPath is null ? null : EmbeddedPools.Load(poolPath == "embedded" ? null : poolPath);
            return SimulationPicture.CreateFront(
                $"{Path.GetFileName(path)}: {table.Entries.Count} lookup table entries",
                pool is null ? [] : PoolFront.Means(pool),
                pool is null ? [] : PoolFront.Exhaustive(pool),
                table.Entries.Select(e => new PlotPoint(e.Configuration.Key, e.LatencyMs, e.EnergyJ)).ToList(),
                "lookup table entries");
        }

        var command = root.TryGetProperty("command", out var c) && c.ValueKind == JsonValueKind.String ? c.GetString() : null;
        switch (command)
        {
            case SimulateReport.CommandName:
                var simulation = Deserialize<SimulateReport>(path, bytes);
                var source = poolPath ?? (simulation.Parameters.Pool == EmbeddedPools.Vgg16Name ? "embedded" : null);
                var measured = source is null ? [] : PoolFront.Means(EmbeddedPools.Load(source == "embedded" ? null : source));
                return SimulateCommand.Draw(simulation, measured);
            case HypervolumeReport.CommandName:
                return HypervolumeCommand.Draw(Deserialize<HypervolumeReport>(path, bytes));
            case ProfileCommand.CommandName:
                return ProfileCommand.Draw(Deserialize<ProfileReport>(path, bytes));
            default:
                throw new InvalidDataException($"{path} has no \"command\" of simulate, hypervolume or profile, and is not a lookup table; draw the --json output of one of those commands.");
        }
    }

    private static T Deserialize<T>(string path, byte[] bytes)
    {
        try
        {
            return JsonSerializer.Deserialize<T>(bytes, CliOutput.JsonRead) ?? throw new InvalidDataException($"{path} is empty.");
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"{path}: {ex.Message}");
        }
    }
}
