using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using DynaSplit.Scheduling;
using DynaSplit.Simulation.Csv;
using DynaSplit.Spaces;

namespace DynaSplit.Simulation.Serving;

/// <summary>
/// Switch costs per knob and per transition, read from a file (the simulator's <c>--switch-cost-file</c>): a change
/// costs the <see cref="KnobSwitchCostRule.PerSwitch"/> overhead once when any hardware setting changes, plus, for every
/// parameter whose value changes, the cost of the most specific rule that matches it (knob, from and to given beats a
/// wildcard; among equally specific rules the first in the file). A parameter no rule matches costs nothing. The
/// wildcard knob <c>*</c> matches hardware settings only, not cut points or the tensor codec (name those explicitly to
/// charge them). From an unknown state (the first request) only rules whose <c>from</c> is <c>*</c> apply.
/// </summary>
/// <remarks>
/// File formats (docs/cli.md): CSV with the header <c>knob,from,to,ms</c>, '#' comment lines allowed; or JSON, an array
/// of <c>{"knob": ..., "from": ..., "to": ..., "ms": ...}</c> (from and to default to <c>*</c>). The rules are resolved
/// once per configuration space into a table per parameter, so an estimate costs a few array reads per parameter.
/// </remarks>
public sealed class KnobSwitchCosts : ISwitchCostModel
{
    private readonly ConditionalWeakTable<ConfigurationSpace, Compiled> _compiled = [];

    /// <summary>Creates the model from rules.</summary>
    /// <param name="rules">The rules, in file order.</param>
    /// <param name="source">Where they came from (a file name), for messages.</param>
    public KnobSwitchCosts(IEnumerable<KnobSwitchCostRule> rules, string source = "switch costs")
    {
        ArgumentNullException.ThrowIfNull(rules);
        Rules = rules.ToArray();
        Source = source;
        foreach (var rule in Rules)
        {
            if (!double.IsFinite(rule.Milliseconds) || rule.Milliseconds < 0)
            {
                throw new InvalidDataException($"{rule.Source}: the cost {rule.Milliseconds.ToString(CultureInfo.InvariantCulture)} ms must be a finite number, 0 or more.");
            }

            if (rule.Knob == KnobSwitchCostRule.PerSwitch && (rule.From != KnobSwitchCostRule.Any || rule.To != KnobSwitchCostRule.Any))
            {
                throw new InvalidDataException($"{rule.Source}: {KnobSwitchCostRule.PerSwitch} is charged once per reconfiguration; its from and to must be '*'.");
            }
        }
    }

    /// <summary>The rules, in file order.</summary>
    public IReadOnlyList<KnobSwitchCostRule> Rules { get; }

    /// <summary>Where the rules came from.</summary>
    public string Source { get; }

    /// <summary>The once-per-reconfiguration overhead, ms (0 when the file has none).</summary>
    public double PerSwitchMs => Rules.FirstOrDefault(r => r.Knob == KnobSwitchCostRule.PerSwitch)?.Milliseconds ?? 0;

    /// <summary>Reads a CSV or JSON file (by its first non-blank character: '[' is JSON).</summary>
    /// <exception cref="InvalidDataException">The file is malformed; the message names the line.</exception>
    public static KnobSwitchCosts Load(string path) => TextFiles.Read(path, "switch-cost file", Read);

    /// <summary>Reads CSV or JSON text; <paramref name="source"/> names it in errors.</summary>
    public static KnobSwitchCosts Read(TextReader reader, string source)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var text = reader.ReadToEnd();
        return text.TrimStart().StartsWith('[') ? ReadJson(text, source) : ReadCsv(text, source);
    }

    /// <summary>
    /// Checks every rule against <paramref name="space"/> now (a knob that is no parameter, a value outside the
    /// parameter's domain), instead of at the first request.
    /// </summary>
    /// <exception cref="InvalidDataException">A rule names an unknown knob or value; the message names the rule's line and what exists.</exception>
    public void Validate(ConfigurationSpace space) => CompiledFor(space);

    /// <inheritdoc />
    public double EstimateMs(Configuration? from, Configuration to)
    {
        ArgumentNullException.ThrowIfNull(to);
        var compiled = CompiledFor(to.Space);
        var total = 0.0;
        var hardwareChanged = false;
        var parameters = to.Space.Parameters;
        for (var i = 0; i < parameters.Count; i++)
        {
            var target = compiled.LevelOf(i, to[i]);
            int source;
            if (from is null)
            {
                source = -1;
            }
            else
            {
                if (from[i] == to[i])
                {
                    continue;
                }

                source = compiled.LevelOf(i, from[i]);
            }

            hardwareChanged |= compiled.IsHardware[i];
            total += compiled.Cost(i, source, target);
        }

        return hardwareChanged ? total + compiled.PerSwitchMs : total;
    }

    private Compiled CompiledFor(ConfigurationSpace space) => _compiled.GetValue(space, s => new Compiled(s, Rules));

    private static KnobSwitchCosts ReadCsv(string text, string source)
    {
        var rules = new List<KnobSwitchCostRule>();
        var header = true;
        List<(int Line, string[] Fields)> records;
        try
        {
            records = CsvReader.Read(new StringReader(text)).ToList();
        }
        catch (FormatException ex)
        {
            throw new InvalidDataException($"{source}: {ex.Message}", ex);
        }

        foreach (var (line, raw) in records)
        {
            var fields = raw.Select(f => f.Trim()).ToArray();
            if ((fields.Length == 1 && fields[0].Length == 0) || fields[0].StartsWith('#'))
            {
                continue;
            }

            if (header)
            {
                header = false;
                if (fields.Length == 4 && fields[0].Equals("knob", StringComparison.OrdinalIgnoreCase) && fields[3].Equals("ms", StringComparison.OrdinalIgnoreCase))
                {
                    continue;
                }

                throw new InvalidDataException($"{source}, line {line}: the first line must be the header 'knob,from,to,ms'; found '{string.Join(',', fields)}'.");
            }

            if (fields.Length != 4)
            {
                throw new InvalidDataException($"{source}, line {line}: {fields.Length} fields; each rule is 'knob,from,to,ms' (use * for any).");
            }

            if (!double.TryParse(fields[3], NumberStyles.Float, CultureInfo.InvariantCulture, out var ms))
            {
                throw new InvalidDataException($"{source}, line {line}: '{fields[3]}' is not a number of ms.");
            }

            rules.Add(new KnobSwitchCostRule(Field(fields[0], source, line), Field(fields[1], source, line), Field(fields[2], source, line), ms, $"{source}, line {line}"));
        }

        if (header)
        {
            throw new InvalidDataException($"{source}: empty; write the header 'knob,from,to,ms' and one rule per line.");
        }

        return new KnobSwitchCosts(rules, source);
    }

    private static KnobSwitchCosts ReadJson(string text, string source)
    {
        JsonElement[] items;
        try
        {
            items = JsonSerializer.Deserialize<JsonElement[]>(text) ?? [];
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"{source}: not a JSON array of rules ({ex.Message}).", ex);
        }

        var rules = new List<KnobSwitchCostRule>();
        for (var i = 0; i < items.Length; i++)
        {
            var where = $"{source}, rule {i + 1}";
            var item = items[i];
            if (item.ValueKind != JsonValueKind.Object)
            {
                throw new InvalidDataException($"{where}: each rule is an object {{\"knob\": ..., \"from\": ..., \"to\": ..., \"ms\": ...}}.");
            }

            string Text(string name, bool required)
            {
                if (!item.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
                {
                    return required ? throw new InvalidDataException($"{where}: '{name}' is missing.") : KnobSwitchCostRule.Any;
                }

                return value.ValueKind switch
                {
                    JsonValueKind.String => value.GetString()!.Trim(),
                    JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => value.GetRawText(),
                    _ => throw new InvalidDataException($"{where}: '{name}' must be a string or a number."),
                };
            }

            if (!item.TryGetProperty("ms", out var ms) || ms.ValueKind != JsonValueKind.Number)
            {
                throw new InvalidDataException($"{where}: 'ms' (a number) is missing.");
            }

            rules.Add(new KnobSwitchCostRule(Text("knob", required: true), Text("from", required: false), Text("to", required: false), ms.GetDouble(), where));
        }

        return new KnobSwitchCosts(rules, source);
    }

    private static string Field(string value, string source, int line) =>
        value.Length > 0 ? value : throw new InvalidDataException($"{source}, line {line}: an empty field; write * for any.");

    /// <summary>The rules resolved for one space: per parameter, the cost of every (from level, to level).</summary>
    private sealed class Compiled
    {
        private readonly Parameter[] _parameters;
        private readonly double[][] _costs; // [parameter][(from + 1) * levels + to]; from = -1 is the unknown state
        private readonly int[] _levels;

        public Compiled(ConfigurationSpace space, IReadOnlyList<KnobSwitchCostRule> rules)
        {
            _parameters = [.. space.Parameters];
            IsHardware = _parameters.Select(p => p.Setting is not (SettingKind.CutPoint or SettingKind.TensorCodec)).ToArray();
            PerSwitchMs = rules.FirstOrDefault(r => r.Knob == KnobSwitchCostRule.PerSwitch)?.Milliseconds ?? 0;
            var names = _parameters.Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
            foreach (var rule in rules)
            {
                if (rule.Knob is not (KnobSwitchCostRule.Any or KnobSwitchCostRule.PerSwitch) && !names.Contains(rule.Knob))
                {
                    throw new InvalidDataException($"{rule.Source}: no knob '{rule.Knob}' in this space; its parameters are {string.Join(", ", names)}.");
                }
            }

            _levels = new int[_parameters.Length];
            _costs = new double[_parameters.Length][];
            for (var p = 0; p < _parameters.Length; p++)
            {
                var parameter = _parameters[p];
                var applicable = rules.Where(r => r.Knob == parameter.Name || (r.Knob == KnobSwitchCostRule.Any && IsHardware[p])).ToList();
                if (!parameter.IsDiscrete)
                {
                    var valued = applicable.FirstOrDefault(r => r.From != KnobSwitchCostRule.Any || r.To != KnobSwitchCostRule.Any);
                    if (valued is not null)
                    {
                        throw new InvalidDataException($"{valued.Source}: '{parameter.Name}' is a real-valued parameter; only '*' from and to can be priced for it.");
                    }

                    _levels[p] = 0;
                    _costs[p] = [Best(applicable, null, null)?.Milliseconds ?? 0];
                    continue;
                }

                var levels = parameter.LevelCount;
                _levels[p] = levels;
                var labels = Enumerable.Range(0, levels).Select(l => parameter.Format(parameter.ValueAt(l))).ToArray();
                foreach (var rule in applicable.Where(r => r.Knob == parameter.Name))
                {
                    Check(rule, rule.From, parameter, labels);
                    Check(rule, rule.To, parameter, labels);
                }

                var costs = new double[(levels + 1) * levels];
                for (var from = -1; from < levels; from++)
                {
                    for (var to = 0; to < levels; to++)
                    {
                        costs[((from + 1) * levels) + to] = Best(applicable, from < 0 ? null : labels[from], labels[to])?.Milliseconds ?? 0;
                    }
                }

                _costs[p] = costs;
            }
        }

        public bool[] IsHardware { get; }

        public double PerSwitchMs { get; }

        public int LevelOf(int parameter, double value) => _levels[parameter] == 0 ? 0 : _parameters[parameter].LevelOf(value);

        public double Cost(int parameter, int from, int to)
        {
            var levels = _levels[parameter];
            if (levels == 0)
            {
                return _costs[parameter][0];
            }

            return to < 0 ? 0 : _costs[parameter][((from + 1) * levels) + to];
        }

        private static void Check(KnobSwitchCostRule rule, string label, Parameter parameter, string[] labels)
        {
            if (label != KnobSwitchCostRule.Any && !labels.Contains(label, StringComparer.OrdinalIgnoreCase))
            {
                throw new InvalidDataException($"{rule.Source}: '{label}' is not a value of '{parameter.Name}'; its values are {string.Join(", ", labels)}.");
            }
        }

        /// <summary>The most specific rule matching the transition (the first of equals); null when none matches.</summary>
        private static KnobSwitchCostRule? Best(List<KnobSwitchCostRule> rules, string? from, string? to)
        {
            KnobSwitchCostRule? best = null;
            foreach (var rule in rules)
            {
                var fromMatches = rule.From == KnobSwitchCostRule.Any || (from is not null && rule.From.Equals(from, StringComparison.OrdinalIgnoreCase));
                var toMatches = rule.To == KnobSwitchCostRule.Any || (to is not null && rule.To.Equals(to, StringComparison.OrdinalIgnoreCase));
                if (fromMatches && toMatches && (best is null || rule.Specificity > best.Specificity))
                {
                    best = rule;
                }
            }

            return best;
        }
    }
}
