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

        if (entry.KeptFor.Count > 0)
        {
            writer.WriteStartArray("keptFor");
            foreach (var link in entry.KeptFor)
            {
                writer.WriteStringValue(link);
            }

            writer.WriteEndArray();
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

    /// <summary>Reads the optional details of the entry at <paramref name="element"/>; errors name the field's path.</summary>
    public static LookupEntry ReadDetails(JsonField element, LookupEntry entry)
    {
        var objectives = element.TryGet("objectives", out var o)
            ? o.Members().ToDictionary(m => m.Name, m => m.Field.Number(), StringComparer.Ordinal)
            : null;
        var latency = element.TryGet("latency", out var l)
            ? new LatencyBreakdown(l.Required("edgeMs").Number(), l.Required("transferMs").Number(), l.Required("cloudMs").Number())
            : null;
        var energy = element.TryGet("energy", out var e)
            ? new EnergyBreakdown(e.Required("edgeJ").Number(), e.Required("cloudJ").Number())
            : null;
        long? bytes = element.TryGet("transferredBytes", out var b) ? b.Int64() : null;
        var stages = element.TryGet("stages", out var s)
            ? s.Items().Select(ReadStage).ToArray()
            : [];
        var keptFor = element.TryGet("keptFor", out var k)
            ? k.Items().Select(i => i.String()).ToArray()
            : [];
        return new LookupEntry(entry.Configuration, entry.LatencyMs, entry.EnergyJ, entry.Accuracy)
        {
            Objectives = objectives ?? entry.Objectives,
            Latency = latency,
            Energy = energy,
            TransferredBytes = bytes,
            Stages = stages,
            KeptFor = keptFor,
        };
    }

    private static StageMeasurement ReadStage(JsonField element)
    {
        return new StageMeasurement(
            element.Required("stage").Int32(),
            element.Required("tier").String(),
            element.Required("computeMs").Number(),
            element.Required("transferMs").Number(),
            element.Required("bytesSent").Int64(),
            element.Required("bytesReceived").Int64())
        {
            EnergyJ = element.TryGet("energyJ", out var j) ? j.Number() : null,
            EnergyKind = element.TryGet("energyKind", out var k) && Enum.TryParse<EnergyReadingKind>(k.String(), out var kind) ? kind : null,
            QueueMs = element.TryGet("queueMs", out var q) ? q.Number() : null,
        };
    }
}
