using System.Text.Json;
using DynaSplit.Energy;
using DynaSplit.Execution;
using DynaSplit.Trials;

namespace DynaSplit.Scheduling;

/// <summary>The optional details of a lookup-table entry in JSON (version 2): objectives by name, breakdowns, bytes, stages.</summary>
internal static class LookupEntryJson
{
    public static void WriteDetails(Utf8JsonWriter writer, LookupEntry entry)
    {
        if (entry.Objectives.Count > 0)
        {
            writer.WriteStartObject("objectives");
            foreach (var (name, value) in entry.Objectives.OrderBy(o => o.Key, StringComparer.Ordinal))
            {
                writer.WriteNumber(name, value);
            }

            writer.WriteEndObject();
        }

        if (entry.Latency is { } latency)
        {
            writer.WriteStartObject("latency");
            writer.WriteNumber("edgeMs", latency.EdgeMs);
            writer.WriteNumber("transferMs", latency.TransferMs);
            writer.WriteNumber("cloudMs", latency.CloudMs);
            writer.WriteEndObject();
        }

        if (entry.Energy is { } energy)
        {
            writer.WriteStartObject("energy");
            writer.WriteNumber("edgeJ", energy.EdgeJ);
            writer.WriteNumber("cloudJ", energy.CloudJ);
            writer.WriteEndObject();
        }

        if (entry.TransferredBytes is { } bytes)
        {
            writer.WriteNumber("transferredBytes", bytes);
        }

        if (entry.Stages.Count > 0)
        {
            writer.WriteStartArray("stages");
            foreach (var stage in entry.Stages)
            {
                writer.WriteStartObject();
                writer.WriteNumber("stage", stage.Stage);
                writer.WriteString("tier", stage.Tier);
                writer.WriteNumber("computeMs", stage.ComputeMs);
                writer.WriteNumber("transferMs", stage.TransferMs);
                writer.WriteNumber("bytesSent", stage.BytesSent);
                writer.WriteNumber("bytesReceived", stage.BytesReceived);
                if (stage.EnergyJ is { } joules)
                {
                    writer.WriteNumber("energyJ", joules);
                }

                if (stage.EnergyKind is { } kind)
                {
                    writer.WriteString("energyKind", kind.ToString());
                }

                if (stage.QueueMs is { } queue)
                {
                    writer.WriteNumber("queueMs", queue);
                }

                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        }
    }

    public static LookupEntry ReadDetails(JsonElement element, LookupEntry entry, int index)
    {
        var objectives = element.TryGetProperty("objectives", out var o)
            ? o.EnumerateObject().ToDictionary(p => p.Name, p => Number(p.Value, index, "objectives." + p.Name), StringComparer.Ordinal)
            : null;
        var latency = element.TryGetProperty("latency", out var l)
            ? new LatencyBreakdown(Number(l, "edgeMs", index), Number(l, "transferMs", index), Number(l, "cloudMs", index))
            : null;
        var energy = element.TryGetProperty("energy", out var e)
            ? new EnergyBreakdown(Number(e, "edgeJ", index), Number(e, "cloudJ", index))
            : null;
        long? bytes = element.TryGetProperty("transferredBytes", out var b) ? b.GetInt64() : null;
        var stages = element.TryGetProperty("stages", out var s)
            ? s.EnumerateArray().Select(x => ReadStage(x, index)).ToArray()
            : [];
        return new LookupEntry(entry.Configuration, entry.LatencyMs, entry.EnergyJ, entry.Accuracy)
        {
            Objectives = objectives ?? entry.Objectives,
            Latency = latency,
            Energy = energy,
            TransferredBytes = bytes,
            Stages = stages,
        };
    }

    private static StageMeasurement ReadStage(JsonElement element, int index)
    {
        var tier = element.GetProperty("tier").GetString() ?? throw new FormatException($"entry {index}: a stage has no tier.");
        return new StageMeasurement(
            element.GetProperty("stage").GetInt32(),
            tier,
            Number(element, "computeMs", index),
            Number(element, "transferMs", index),
            element.GetProperty("bytesSent").GetInt64(),
            element.GetProperty("bytesReceived").GetInt64())
        {
            EnergyJ = element.TryGetProperty("energyJ", out var j) ? Number(j, index, "stages.energyJ") : null,
            EnergyKind = element.TryGetProperty("energyKind", out var k) && Enum.TryParse<EnergyReadingKind>(k.GetString(), out var kind) ? kind : null,
            QueueMs = element.TryGetProperty("queueMs", out var q) ? Number(q, index, "stages.queueMs") : null,
        };
    }

    private static double Number(JsonElement parent, string name, int index) =>
        parent.TryGetProperty(name, out var value)
            ? Number(value, index, name)
            : throw new FormatException($"entry {index}: '{name}' is missing.");

    private static double Number(JsonElement value, int index, string name) =>
        value.ValueKind == JsonValueKind.Number && value.GetDouble() is var number && double.IsFinite(number)
            ? number
            : throw new FormatException($"entry {index}: '{name}' is {value.GetRawText()}, expected a finite number.");
}
