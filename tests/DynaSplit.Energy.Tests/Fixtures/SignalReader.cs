using System.Diagnostics;
using DynaSplit.Energy.Ina.Sysfs;

namespace DynaSplit.Energy.Tests.Fixtures;

/// <summary>Reads the fixture tree, except that chosen attributes return a value computed from the monotonic clock.</summary>
internal sealed class SignalReader : ISysfsReader
{
    private readonly Dictionary<string, Func<double, long>> _signals = new(StringComparer.Ordinal);
    private readonly List<double> _reads = [];
    private long _epoch = Stopwatch.GetTimestamp();

    /// <summary>Makes <paramref name="path"/> read <paramref name="signal"/>(seconds since <see cref="Restart"/>).</summary>
    public void Drive(string path, Func<double, long> signal) => _signals[path] = signal;

    /// <summary>Sets time zero of the signals to now.</summary>
    public void Restart()
    {
        Volatile.Write(ref _epoch, Stopwatch.GetTimestamp());
        lock (_reads)
        {
            _reads.Clear();
        }
    }

    public double Now => Stopwatch.GetElapsedTime(Volatile.Read(ref _epoch)).TotalSeconds;

    public long ReadInt64(string path)
    {
        var value = SysfsReader.Instance.ReadInt64(path); // still fails when the file is gone
        if (!_signals.TryGetValue(path, out var signal))
        {
            return value;
        }

        var now = Now;
        lock (_reads)
        {
            _reads.Add(now);
        }

        return signal(now);
    }

    /// <summary>The longest time between two reads of a driven attribute after time zero, and when it began (for failure messages).</summary>
    public (double Gap, double At) LongestGap()
    {
        lock (_reads)
        {
            var times = _reads.Where(t => t >= 0 && t < 5).Order().ToArray();
            var best = (0.0, 0.0);
            for (var i = 1; i < times.Length; i++)
            {
                if (times[i] - times[i - 1] > best.Item1)
                {
                    best = (times[i] - times[i - 1], times[i - 1]);
                }
            }

            return best;
        }
    }

    public string? TryReadText(string path) => SysfsReader.Instance.TryReadText(path);
}
