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

    /// <summary>
    /// Writes the table to a file atomically: through a temporary file created exclusively, with an unpredictable name,
    /// in the target's folder, then renamed, so a failure never leaves half a table and a planted link is never written
    /// through.
    /// </summary>
    public static Task SaveAsync(LookupTable table, string path, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentException.ThrowIfNullOrEmpty(path);
        return IO.AtomicFile.WriteAsync(
            Path.GetFullPath(path),
            async (stream, ct) =>
            {
                Write(table, stream);
                await stream.FlushAsync(ct).ConfigureAwait(false);
            },
            cancellationToken);
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
        if (utf8Json.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            utf8Json = utf8Json[3..]; // a UTF-8 byte-order mark, as some editors write
        }

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
                return ReadTable(new JsonField(document.RootElement, string.Empty), source);
            }
            catch (Exception ex) when (ex is FormatException or ArgumentException or InvalidOperationException)
            {
                // FormatException: a field is missing or has the wrong type or value, and the message names its path.
                throw new InvalidDataException($"{source}: {ex.Message}", ex);
            }
        }
    }

    private static LookupTable ReadTable(JsonField root, string source)
    {
        var format = root.Required("format").String();
        if (format != FormatName)
        {
            throw new InvalidDataException($"{source}: 'format' is '{format}', expected '{FormatName}'.");
        }

        var version = root.Required("version").Int32();
        if (version is < 1 or > FormatVersion)
        {
            throw new InvalidDataException($"{source}: version {version} is not supported (this library reads versions 1 to {FormatVersion}).");
        }

        var binding = version >= 2 && root.TryGet("binding", out var b) ? ReadBinding(b) : TableBinding.Unknown;

        var parameters = root.Required("parameters").Items().Select(ReadParameter).ToArray();
        var space = new ConfigurationSpace(parameters);
        var objectives = root.Required("objectives").Items()
            .Select(o => new ObjectiveDefinition(
                o.Required("name").String(),
                ReadDirection(o.Required("direction")),
                o.TryGet("unit", out var unit) && unit.Value.ValueKind != JsonValueKind.Null ? unit.String() : string.Empty))
            .ToArray();

        var entries = new List<LookupEntry>();
        var values = new double[parameters.Length];
        foreach (var element in root.Required("entries").Items())
        {
            var configuration = element.Required("configuration");
            for (var i = 0; i < parameters.Length; i++)
            {
                var field = configuration.Required(parameters[i].Name);
                var label = field.String();
                if (!parameters[i].TryParse(label, out values[i]))
                {
                    throw field.Error($"'{label}' is not in the domain of '{parameters[i].Name}': {parameters[i].DescribeDomain()}.");
                }
            }

            double? accuracy = element.TryGet("accuracy", out var a) && a.Value.ValueKind != JsonValueKind.Null ? a.Number() : null;
            var chosen = Named(configuration, () => space.Create(values));
            var latencyMs = element.Required("latencyMs").Number();
            var energyJ = element.Required("energyJ").Number();
            var entry = Named(element, () => new LookupEntry(chosen, latencyMs, energyJ, accuracy));
            entries.Add(version >= 2 ? LookupEntryJson.ReadDetails(element, entry) : entry);
        }

        return new LookupTable(space, objectives, entries) { Binding = binding };
    }

    private static ObjectiveDirection ReadDirection(JsonField direction) => direction.String() switch
    {
        "minimize" => ObjectiveDirection.Minimize,
        "maximize" => ObjectiveDirection.Maximize,
        var other => throw direction.Error($"'{other}' is neither 'minimize' nor 'maximize'."),
    };

    private static TableBinding ReadBinding(JsonField element)
    {
        var fingerprint = element.TryGet("modelFingerprint", out var f) && f.Value.ValueKind != JsonValueKind.Null ? f.String() : null;
        int? lastCut = element.TryGet("lastCut", out var c) && c.Value.ValueKind != JsonValueKind.Null ? c.Int32() : null;
        var tiers = element.TryGet("tiers", out var t)
            ? t.Items().Select(x => Named(x, () => Topology.TierNames.Validate(x.String(), "tiers"))).ToArray()
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

    private static Parameter ReadParameter(JsonField element)
    {
        var name = element.Required("name").String();
        var role = element.TryGet("role", out var r) && r.Value.ValueKind == JsonValueKind.String && Enum.TryParse<ParameterRole>(r.Value.GetString(), out var parsed) ? parsed : ParameterRole.Other;
        var kind = element.Required("kind");
        Parameter parameter = Named<Parameter>(element, () => kind.String() switch
        {
            "integer" => new IntegerParameter(name, element.Required("min").Int32(), element.Required("max").Int32(), element.Required("step").Int32(), role),
            "ordinal" => new OrdinalParameter(
                name,
                element.Required("levels").Items().Select(l => l.Number()).ToArray(),
                role,
                element.TryGet("unit", out var unit) && unit.Value.ValueKind != JsonValueKind.Null ? unit.String() : null),
            "categorical" => new CategoricalParameter(name, element.Required("choices").Items().Select(c => c.String()).ToArray(), role),
            "real" => new RealParameter(name, element.Required("lower").Number(), element.Required("upper").Number(), role),
            var other => throw kind.Error(string.Create(CultureInfo.InvariantCulture, $"parameter '{name}' has unknown kind '{other}'; known: integer, ordinal, categorical, real.")),
        });
        if (!element.TryGet("setting", out var setting))
        {
            return parameter;
        }

        var settingKind = Enum.TryParse<SettingKind>(setting.String(), out var known)
            ? known
            : throw setting.Error($"parameter '{name}' has unknown setting '{setting.String()}'; known: {string.Join(", ", Enum.GetNames<SettingKind>())}.");
        var tier = element.TryGet("tier", out var t) && t.Value.ValueKind != JsonValueKind.Null ? t.String() : null;
        return Named(element, () => parameter.WithTarget(settingKind, tier));
    }

    /// <summary>Runs <paramref name="read"/>, naming <paramref name="field"/> in the argument errors its constructors throw.</summary>
    private static T Named<T>(JsonField field, Func<T> read)
    {
        try
        {
            return read();
        }
        catch (ArgumentException ex)
        {
            throw field.Error(ex.Message);
        }
    }
}
