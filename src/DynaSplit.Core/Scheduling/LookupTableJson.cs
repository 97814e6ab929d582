using System.Globalization;
using System.Text.Json;
using DynaSplit.Objectives;
using DynaSplit.Spaces;

namespace DynaSplit.Scheduling;

/// <summary>
/// Reads and writes lookup tables as JSON (version 2; version 1 files still load):
/// <code>
/// { "format": "dynasplit-lookup-table", "version": 2,
///   "binding": { "modelFingerprint": "sha256:...", "lastCut": 22, "tiers": [ "edge", "cloud" ] },
///   "parameters": [ { "name": "layer", "role": "SplitPoint", "setting": "CutPoint", "kind": "integer", "min": 0, "max": 22, "step": 1 },
///                   { "name": "cpu_freq", "role": "EdgeCpuFrequency", "setting": "CpuFrequency", "tier": "edge", "kind": "ordinal", "levels": [...], "unit": "kHz" }, ... ],
///   "objectives": [ { "name": "latency", "direction": "minimize", "unit": "ms" }, ... ],
///   "entries": [ { "configuration": { "layer": "3", ... }, "latencyMs": 101.2, "energyJ": 12.5, "accuracy": 0.6,
///                  "objectives": { "latency": 101.2, "energy": 12.5, ... },
///                  "latency": { "edgeMs": 40.1, "transferMs": 20.3, "cloudMs": 40.8 }, "energy": { "edgeJ": 2.1, "cloudJ": 10.4 },
///                  "transferredBytes": 802816,
///                  "stages": [ { "stage": 0, "tier": "edge", "computeMs": 40.1, "transferMs": 0, "bytesSent": 0, "bytesReceived": 802816, "energyJ": 2.1 }, ... ] }, ... ] }
/// </code>
/// Every field of an entry beyond <c>configuration</c>, <c>latencyMs</c> and <c>energyJ</c> is optional.
/// </summary>
public static class LookupTableJson
{
    private const string FormatName = "dynasplit-lookup-table";
    private const int FormatVersion = 2;

    /// <summary>Writes the table to a file (through a temporary file, so a failure never leaves half a table).</summary>
    public static async Task SaveAsync(LookupTable table, string path, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentException.ThrowIfNullOrEmpty(path);
        var full = Path.GetFullPath(path);
        var temporary = full + ".tmp";
        try
        {
            await using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None, 65536, useAsync: true))
            {
                Write(table, stream);
                await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
            }

            File.Move(temporary, full, overwrite: true);
        }
        catch
        {
            File.Delete(temporary);
            throw;
        }
    }

    /// <summary>Writes the table as indented UTF-8 JSON.</summary>
    public static void Write(LookupTable table, Stream stream)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(stream);
        using var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        writer.WriteStartObject();
        writer.WriteString("format", FormatName);
        writer.WriteNumber("version", FormatVersion);
        writer.WriteStartObject("binding");
        if (table.Binding.ModelFingerprint is { } fingerprint)
        {
            writer.WriteString("modelFingerprint", fingerprint);
        }

        if (table.Binding.LastCut is { } lastCut)
        {
            writer.WriteNumber("lastCut", lastCut);
        }

        writer.WriteStartArray("tiers");
        foreach (var tier in table.Binding.Tiers)
        {
            writer.WriteStringValue(tier);
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
        writer.WriteStartArray("parameters");
        foreach (var parameter in table.Space.Parameters)
        {
            WriteParameter(writer, parameter);
        }

        writer.WriteEndArray();
        writer.WriteStartArray("objectives");
        foreach (var objective in table.Objectives)
        {
            writer.WriteStartObject();
            writer.WriteString("name", objective.Name);
            writer.WriteString("direction", objective.Direction == ObjectiveDirection.Minimize ? "minimize" : "maximize");
            writer.WriteString("unit", objective.Unit);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteStartArray("entries");
        foreach (var entry in table.Entries)
        {
            writer.WriteStartObject();
            writer.WriteStartObject("configuration");
            var parameters = table.Space.Parameters;
            for (var i = 0; i < parameters.Count; i++)
            {
                writer.WriteString(parameters[i].Name, parameters[i].Format(entry.Configuration[i]));
            }

            writer.WriteEndObject();
            writer.WriteNumber("latencyMs", entry.LatencyMs);
            writer.WriteNumber("energyJ", entry.EnergyJ);
            if (entry.Accuracy is { } accuracy)
            {
                writer.WriteNumber("accuracy", accuracy);
            }

            LookupEntryJson.WriteDetails(writer, entry);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    /// <summary>Loads a table from a file.</summary>
    /// <exception cref="InvalidDataException">The file is not a lookup table; the message names the file and the problem.</exception>
    public static LookupTable Load(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new InvalidDataException($"Cannot read lookup table '{path}': {ex.Message}", ex);
        }

        return Read(bytes, path);
    }

    /// <summary>Reads a table from UTF-8 JSON; <paramref name="source"/> names it in error messages.</summary>
    /// <exception cref="InvalidDataException">The JSON is not a lookup table.</exception>
    public static LookupTable Read(ReadOnlySpan<byte> utf8Json, string source = "lookup table")
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(utf8Json.ToArray());
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"{source}: not valid JSON at line {ex.LineNumber + 1}, byte {ex.BytePositionInLine}: {ex.Message}", ex);
        }

        using (document)
        {
            try
            {
                return ReadTable(document.RootElement, source);
            }
            catch (Exception ex) when (ex is KeyNotFoundException or InvalidOperationException or FormatException or ArgumentException)
            {
                throw new InvalidDataException($"{source}: {ex.Message}", ex);
            }
        }
    }

    private static LookupTable ReadTable(JsonElement root, string source)
    {
        var format = root.GetProperty("format").GetString();
        if (format != FormatName)
        {
            throw new InvalidDataException($"{source}: 'format' is '{format}', expected '{FormatName}'.");
        }

        var version = root.GetProperty("version").GetInt32();
        if (version is < 1 or > FormatVersion)
        {
            throw new InvalidDataException($"{source}: version {version} is not supported (this library reads versions 1 to {FormatVersion}).");
        }

        var binding = version >= 2 && root.TryGetProperty("binding", out var b) ? ReadBinding(b) : TableBinding.Unknown;

        var parameters = root.GetProperty("parameters").EnumerateArray().Select(ReadParameter).ToArray();
        var space = new ConfigurationSpace(parameters);
        var objectives = root.GetProperty("objectives").EnumerateArray()
            .Select(o => new ObjectiveDefinition(
                o.GetProperty("name").GetString()!,
                o.GetProperty("direction").GetString() switch
                {
                    "minimize" => ObjectiveDirection.Minimize,
                    "maximize" => ObjectiveDirection.Maximize,
                    var other => throw new FormatException($"objective direction '{other}' is neither 'minimize' nor 'maximize'."),
                },
                o.TryGetProperty("unit", out var unit) ? unit.GetString() ?? string.Empty : string.Empty))
            .ToArray();

        var entries = new List<LookupEntry>();
        var values = new double[parameters.Length];
        var index = 0;
        foreach (var element in root.GetProperty("entries").EnumerateArray())
        {
            var configuration = element.GetProperty("configuration");
            for (var i = 0; i < parameters.Length; i++)
            {
                var label = configuration.GetProperty(parameters[i].Name).GetString()
                    ?? throw new FormatException($"entry {index}: parameter '{parameters[i].Name}' is null.");
                if (!parameters[i].TryParse(label, out values[i]))
                {
                    throw new FormatException($"entry {index}: '{label}' is not in the domain of '{parameters[i].Name}': {parameters[i].DescribeDomain()}.");
                }
            }

            double? accuracy = element.TryGetProperty("accuracy", out var a) && a.ValueKind == JsonValueKind.Number ? a.GetDouble() : null;
            var entry = new LookupEntry(space.Create(values), element.GetProperty("latencyMs").GetDouble(), element.GetProperty("energyJ").GetDouble(), accuracy);
            entries.Add(version >= 2 ? LookupEntryJson.ReadDetails(element, entry, index) : entry);
            index++;
        }

        return new LookupTable(space, objectives, entries) { Binding = binding };
    }

    private static TableBinding ReadBinding(JsonElement element)
    {
        var fingerprint = element.TryGetProperty("modelFingerprint", out var f) ? f.GetString() : null;
        int? lastCut = element.TryGetProperty("lastCut", out var c) ? c.GetInt32() : null;
        var tiers = element.TryGetProperty("tiers", out var t)
            ? t.EnumerateArray().Select(x => Topology.TierNames.Validate(x.GetString() ?? throw new FormatException("binding: a tier name is null."), "tiers")).ToArray()
            : [.. TableBinding.Unknown.Tiers];
        return new TableBinding(fingerprint, lastCut, tiers);
    }

    private static void WriteParameter(Utf8JsonWriter writer, Parameter parameter)
    {
        writer.WriteStartObject();
        writer.WriteString("name", parameter.Name);
        writer.WriteString("role", parameter.Role.ToString());
        writer.WriteString("setting", parameter.Setting.ToString());
        if (parameter.Tier is not null)
        {
            writer.WriteString("tier", parameter.Tier);
        }

        switch (parameter)
        {
            case IntegerParameter integer:
                writer.WriteString("kind", "integer");
                writer.WriteNumber("min", integer.Min);
                writer.WriteNumber("max", integer.Max);
                writer.WriteNumber("step", integer.Step);
                break;
            case OrdinalParameter ordinal:
                writer.WriteString("kind", "ordinal");
                writer.WriteStartArray("levels");
                foreach (var level in ordinal.Levels)
                {
                    writer.WriteNumberValue(level);
                }

                writer.WriteEndArray();
                if (ordinal.Unit is not null)
                {
                    writer.WriteString("unit", ordinal.Unit);
                }

                break;
            case CategoricalParameter categorical:
                writer.WriteString("kind", "categorical");
                writer.WriteStartArray("choices");
                foreach (var choice in categorical.Choices)
                {
                    writer.WriteStringValue(choice);
                }

                writer.WriteEndArray();
                break;
            case RealParameter real:
                writer.WriteString("kind", "real");
                writer.WriteNumber("lower", real.Lower);
                writer.WriteNumber("upper", real.Upper);
                break;
            default:
                throw new NotSupportedException($"Parameter '{parameter.Name}' of type {parameter.GetType().Name} cannot be saved in a lookup table.");
        }

        writer.WriteEndObject();
    }

    private static Parameter ReadParameter(JsonElement element)
    {
        var name = element.GetProperty("name").GetString() ?? throw new FormatException("a parameter has no name.");
        var role = element.TryGetProperty("role", out var r) && Enum.TryParse<ParameterRole>(r.GetString(), out var parsed) ? parsed : ParameterRole.Other;
        Parameter parameter = element.GetProperty("kind").GetString() switch
        {
            "integer" => new IntegerParameter(name, element.GetProperty("min").GetInt32(), element.GetProperty("max").GetInt32(), element.GetProperty("step").GetInt32(), role),
            "ordinal" => new OrdinalParameter(
                name,
                element.GetProperty("levels").EnumerateArray().Select(l => l.GetDouble()),
                role,
                element.TryGetProperty("unit", out var unit) ? unit.GetString() : null),
            "categorical" => new CategoricalParameter(name, element.GetProperty("choices").EnumerateArray().Select(c => c.GetString()!), role),
            "real" => new RealParameter(name, element.GetProperty("lower").GetDouble(), element.GetProperty("upper").GetDouble(), role),
            var kind => throw new FormatException(string.Create(CultureInfo.InvariantCulture, $"parameter '{name}' has unknown kind '{kind}'.")),
        };
        return element.TryGetProperty("setting", out var setting)
            ? parameter.WithTarget(
                Enum.TryParse<SettingKind>(setting.GetString(), out var kind2) ? kind2 : throw new FormatException($"parameter '{name}' has unknown setting '{setting.GetString()}'; known: {string.Join(", ", Enum.GetNames<SettingKind>())}."),
                element.TryGetProperty("tier", out var tier) ? tier.GetString() : null)
            : parameter;
    }
}
