using System.Globalization;
using DynaSplit.Simulation.Csv;
using DynaSplit.Spaces;
using DynaSplit.Trials;

namespace DynaSplit.Simulation.Replay;

/// <summary>
/// Loads measurement pools in the DynaSplit artifact's CSV format: one row per measured run, the objective
/// columns (latency, energy, optionally accuracy and the per-stage breakdown) and the parameter columns
/// (cpu-freq, layer, edge-accelerator, server-accelerator; any subset). Errors name the file, line and column.
/// </summary>
public static class MeasurementPoolCsv
{
    private static readonly string[] EdgeAcceleratorOrder = ["off", "std", "max"];
    private static readonly string[] BooleanOrder = ["False", "True"];

    /// <summary>Loads a pool file.</summary>
    /// <exception cref="InvalidDataException">The file cannot be read, is a folder, is larger than the limit, or is not a pool; the message names the file, line and column.</exception>
    public static MeasurementPool Load(string path) => Load(path, null);

    /// <summary>Loads a pool file within <paramref name="options"/>' limits.</summary>
    /// <exception cref="InvalidDataException">The file cannot be read, is a folder, is larger than the limit, or is not a pool; the message names the file, line and column.</exception>
    public static MeasurementPool Load(string path, MeasurementPoolCsvOptions? options)
    {
        options ??= new MeasurementPoolCsvOptions();
        options.Validate();
        return TextFiles.Read(path, "measurement pool", (reader, source) => Read(reader, source, options), options.MaxFileBytes);
    }

    /// <summary>Reads a pool; <paramref name="source"/> names it in errors.</summary>
    /// <exception cref="InvalidDataException">The text is not a pool; the message names the source, line and column.</exception>
    public static MeasurementPool Read(TextReader reader, string source) => Read(reader, source, null);

    /// <summary>Reads a pool within <paramref name="options"/>' limits; <paramref name="source"/> names it in errors.</summary>
    /// <exception cref="InvalidDataException">The text is not a pool; the message names the source, line and column.</exception>
    public static MeasurementPool Read(TextReader reader, string source, MeasurementPoolCsvOptions? options)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentException.ThrowIfNullOrEmpty(source);
        options ??= new MeasurementPoolCsvOptions();
        options.Validate();
        List<(int Line, string[] Fields)> records;
        try
        {
            records = CsvReader.Read(reader).ToList();
        }
        catch (FormatException ex)
        {
            throw new InvalidDataException($"{source}: {ex.Message}", ex);
        }

        if (records.Count == 0)
        {
            throw new InvalidDataException($"{source}: the file is empty; expected a header row with at least the columns '{PoolColumns.Latency}' and '{PoolColumns.Energy}'.");
        }

        var header = records[0].Fields.Select(f => f.Trim()).ToArray();
        var column = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < header.Length; i++)
        {
            if (!column.TryAdd(header[i], i))
            {
                throw new InvalidDataException($"{source}:1: column '{header[i]}' appears twice.");
            }
        }

        int Require(string name) => column.TryGetValue(name, out var index)
            ? index
            : throw new InvalidDataException($"{source}:1: missing column '{name}'. The header has: {string.Join(", ", header)}.");

        var latencyColumn = Require(PoolColumns.Latency);
        var energyColumn = Require(PoolColumns.Energy);
        var accuracyColumn = column.GetValueOrDefault(PoolColumns.Accuracy, -1);
        var parameterColumns = PoolColumns.Parameters.Where(p => column.ContainsKey(p.Column)).Select(p => (p.Column, p.Role, Index: column[p.Column])).ToArray();
        if (parameterColumns.Length == 0)
        {
            throw new InvalidDataException($"{source}:1: no parameter column; expected at least one of {string.Join(", ", PoolColumns.Parameters.Select(p => p.Column))}.");
        }

        var parameterIndices = parameterColumns.Select(p => p.Index).ToHashSet();
        var extraColumns = Enumerable.Range(0, header.Length)
            .Where(i => i != latencyColumn && i != energyColumn && i != accuracyColumn && !parameterIndices.Contains(i))
            .ToArray();

        // First pass: parse every row.
        var rows = new List<(int Line, string[] Labels, TrialMeasurement Measurement)>();
        foreach (var (line, fields) in records.Skip(1))
        {
            if (fields.Length != header.Length)
            {
                throw new InvalidDataException($"{source}:{line}: {fields.Length} fields, but the header has {header.Length}.");
            }

            double Number(int index, bool required)
            {
                var text = fields[index].Trim();
                if (text.Length == 0 && !required)
                {
                    return double.NaN;
                }

                if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value))
                {
                    throw new InvalidDataException($"{source}:{line}, column '{header[index]}': '{fields[index]}' is not a number.");
                }

                return value;
            }

            var labels = new string[parameterColumns.Length];
            for (var p = 0; p < parameterColumns.Length; p++)
            {
                var (name, role, index) = parameterColumns[p];
                var text = fields[index].Trim();
                if (text.Length == 0)
                {
                    throw new InvalidDataException($"{source}:{line}, column '{name}': the value is empty.");
                }

                if (role is ParameterRole.SplitPoint or ParameterRole.EdgeCpuFrequency)
                {
                    var value = Number(index, required: true);
                    if (role == ParameterRole.SplitPoint && (value != Math.Floor(value) || value < 0))
                    {
                        throw new InvalidDataException($"{source}:{line}, column '{name}': '{fields[index]}' is not a split index (a non-negative integer).");
                    }

                    if (role == ParameterRole.SplitPoint && value > options.MaxSplitIndex)
                    {
                        throw new InvalidDataException($"{source}:{line}, column '{name}': split index {fields[index].Trim()} is above the limit of {options.MaxSplitIndex:N0} (MeasurementPoolCsvOptions.MaxSplitIndex); the split point parameter would range over every index up to it.");
                    }

                    text = value.ToString("R", CultureInfo.InvariantCulture);
                }
                else if (text.AsSpan().IndexOfAny('=', ';') >= 0)
                {
                    // A configuration key is name=value;name=value: a choice holding '=' or ';' could not be read back.
                    throw new InvalidDataException($"{source}:{line}, column '{name}': '{text}' contains '=' or ';', which a configuration's choices cannot hold.");
                }

                labels[p] = text;
            }

            var latency = Number(latencyColumn, required: true);
            var energy = Number(energyColumn, required: true);
            if (latency < 0 || energy < 0)
            {
                throw new InvalidDataException($"{source}:{line}: latency {latency} and energy {energy} must not be negative.");
            }

            double? accuracy = accuracyColumn >= 0 ? Number(accuracyColumn, required: true) : null;
            var extra = new Dictionary<string, double>(StringComparer.Ordinal);
            foreach (var index in extraColumns)
            {
                var value = Number(index, required: false);
                if (!double.IsNaN(value))
                {
                    extra[header[index]] = value;
                }
            }

            rows.Add((line, labels, new TrialMeasurement
            {
                LatencyMs = latency,
                EnergyJ = energy,
                Accuracy = accuracy,
                Latency = Breakdown(extra, PoolColumns.EdgeLatency, PoolColumns.TransferLatency, PoolColumns.CloudLatency) is { } l ? new LatencyBreakdown(l[0], l[1], l[2]) : null,
                Energy = Breakdown(extra, PoolColumns.EdgeEnergy, PoolColumns.CloudEnergy) is { } e ? new EnergyBreakdown(e[0], e[1]) : null,
                Extra = extra,
            }));
        }

        if (rows.Count == 0)
        {
            throw new InvalidDataException($"{source}: the header is there but no measurement rows follow.");
        }

        // Second pass: the parameters that vary form the space; the others are fixed.
        var parameters = new List<Parameter>();
        var fixedParameters = new Dictionary<string, string>(StringComparer.Ordinal);
        var spaceColumns = new List<int>();
        for (var p = 0; p < parameterColumns.Length; p++)
        {
            var (name, role, _) = parameterColumns[p];
            var distinct = rows.Select(r => r.Labels[p]).Distinct(StringComparer.Ordinal).ToList();
            if (distinct.Count == 1)
            {
                fixedParameters[name] = distinct[0];
                continue;
            }

            spaceColumns.Add(p);
            parameters.Add(role switch
            {
                ParameterRole.SplitPoint => new IntegerParameter(name, 0, (int)distinct.Max(d => double.Parse(d, CultureInfo.InvariantCulture)), 1, role),
                ParameterRole.EdgeCpuFrequency => new OrdinalParameter(name, distinct.Select(d => double.Parse(d, CultureInfo.InvariantCulture)), role, "MHz"),
                _ => new CategoricalParameter(name, OrderChoices(distinct), role),
            });
        }

        if (parameters.Count == 0)
        {
            throw new InvalidDataException($"{source}: every parameter column holds a single value, so there is nothing to choose between.");
        }

        var bare = new ConfigurationSpace(parameters);
        var grouped = new Dictionary<Configuration, List<TrialMeasurement>>();
        foreach (var (_, labels, measurement) in rows)
        {
            var values = new double[spaceColumns.Count];
            for (var i = 0; i < spaceColumns.Count; i++)
            {
                bare.Parameters[i].TryParse(labels[spaceColumns[i]], out values[i]);
            }

            var configuration = bare.Create(values);
            if (!grouped.TryGetValue(configuration, out var list))
            {
                grouped[configuration] = list = [];
            }

            list.Add(measurement);
        }

        // The paper's rules where they apply and the data obeys them, and "only what was measured".
        var rules = PaperRules(bare).Where(rule => grouped.Keys.All(c => rule.Compile(bare)(c.Values))).ToList();
        rules.Add(new AllowedCombinationsRule($"only the {grouped.Count} configurations measured in {source}", grouped.Keys.Select(c => c.Key)));
        var space = new ConfigurationSpace(parameters, rules);
        var runs = grouped.ToDictionary(g => space.Create(g.Key.Values), g => g.Value.ToArray());
        return new MeasurementPool(source, space, fixedParameters, runs, accuracyColumn >= 0, rows.Count);
    }

    private static double[]? Breakdown(Dictionary<string, double> extra, params string[] columns)
    {
        var values = new double[columns.Length];
        for (var i = 0; i < columns.Length; i++)
        {
            if (!extra.TryGetValue(columns[i], out values[i]))
            {
                return null;
            }
        }

        return values;
    }

    private static IEnumerable<ConfigurationRule> PaperRules(ConfigurationSpace space)
    {
        var split = space.FindByRole(ParameterRole.SplitPoint);
        if (split is null)
        {
            yield break;
        }

        if (space.FindByRole(ParameterRole.EdgeAccelerator) is CategoricalParameter edge && split.Contains(0))
        {
            yield return new ImplicationRule(split.Name, "0", edge.Name, edge.Choices[0]);
        }

        if (space.FindByRole(ParameterRole.CloudAccelerator) is CategoricalParameter cloud)
        {
            yield return new ImplicationRule(split.Name, split.Format(split.Maximum), cloud.Name, cloud.Choices[0]);
        }
    }

    private static IEnumerable<string> OrderChoices(List<string> distinct)
    {
        // Known vocabularies keep their meaning's order (the first choice means "off"); others keep file order.
        foreach (var order in new[] { EdgeAcceleratorOrder, BooleanOrder })
        {
            if (distinct.All(d => order.Contains(d, StringComparer.OrdinalIgnoreCase)))
            {
                return order.Where(o => distinct.Contains(o, StringComparer.OrdinalIgnoreCase))
                    .Select(o => distinct.First(d => string.Equals(d, o, StringComparison.OrdinalIgnoreCase)));
            }
        }

        return distinct;
    }
}
