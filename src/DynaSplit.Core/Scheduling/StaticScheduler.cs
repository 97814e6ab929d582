using DynaSplit.Spaces;

namespace DynaSplit.Scheduling;

/// <summary>Always the same configuration: the baselines (cloud only, edge only, static lowest energy or latency).</summary>
public sealed class StaticScheduler : IScheduler
{
    /// <summary>Creates a static strategy.</summary>
    public StaticScheduler(string name, Configuration configuration)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        Name = name;
        Configuration = configuration ?? throw new ArgumentNullException(nameof(configuration));
    }

    /// <inheritdoc />
    public string Name { get; }

    /// <summary>The configuration every request gets.</summary>
    public Configuration Configuration { get; }

    /// <inheritdoc />
    public Configuration Select(in SchedulingContext context) => Configuration;
}
