using DynaSplit.Scheduling;
using DynaSplit.Spaces;

namespace DynaSplit.Hardware;

/// <summary>
/// The cost of switching configurations, learned from the changes a <see cref="KnobController"/> timed: the mean time
/// of each knob transition (from one value to another), or of the knob over all its transitions when that one was
/// never seen, summed over the knobs whose value differs. Knobs never changed cost nothing.
/// </summary>
public sealed class MeasuredSwitchCosts : ISwitchCostModel
{
    private readonly Lock _lock = new();
    private readonly Dictionary<(string Knob, double From, double To), Mean> _transitions = [];
    private readonly Dictionary<string, Mean> _knobs = new(StringComparer.Ordinal);

    /// <summary>Records one timed change of a knob, its values as encoded in the configuration.</summary>
    public void Record(string knob, double from, double to, TimeSpan duration)
    {
        ArgumentException.ThrowIfNullOrEmpty(knob);
        lock (_lock)
        {
            Add(_transitions, (knob, from, to), duration.TotalMilliseconds);
            Add(_knobs, knob, duration.TotalMilliseconds);
        }
    }

    /// <summary>The mean time of a knob's changes, ms, or null when it was never changed.</summary>
    public double? MeanMs(string knob)
    {
        lock (_lock)
        {
            return _knobs.TryGetValue(knob, out var mean) ? mean.Value : null;
        }
    }

    /// <summary>The mean time of one transition of a knob, ms, or null when it was never seen.</summary>
    public double? MeanMs(string knob, double from, double to)
    {
        lock (_lock)
        {
            return _transitions.TryGetValue((knob, from, to), out var mean) ? mean.Value : null;
        }
    }

    /// <inheritdoc />
    public double EstimateMs(Configuration? from, Configuration to)
    {
        ArgumentNullException.ThrowIfNull(to);
        var parameters = to.Space.Parameters;
        var total = 0.0;
        lock (_lock)
        {
            for (var i = 0; i < parameters.Count; i++)
            {
                var name = parameters[i].Name;
                if (from is not null && from[i] == to[i])
                {
                    continue;
                }

                if (from is not null && _transitions.TryGetValue((name, from[i], to[i]), out var transition))
                {
                    total += transition.Value;
                }
                else if (_knobs.TryGetValue(name, out var knob))
                {
                    total += knob.Value;
                }
            }
        }

        return total;
    }

    private static void Add<TKey>(Dictionary<TKey, Mean> means, TKey key, double value)
        where TKey : notnull
    {
        means[key] = means.TryGetValue(key, out var mean) ? mean.Add(value) : new Mean(value, 1);
    }

    private readonly record struct Mean(double Value, int Count)
    {
        public Mean Add(double value) => new(Value + ((value - Value) / (Count + 1)), Count + 1);
    }
}
