using DynaSplit.Spaces;

namespace DynaSplit.Scheduling;

/// <summary>Picks the configuration to run a request with.</summary>
public interface IScheduler
{
    /// <summary>The strategy's name (for example "dynasplit", "cloud-only").</summary>
    string Name { get; }

    /// <summary>
    /// Chooses a configuration for the context's request. Implementations should not allocate: the serving loop calls
    /// this once per request.
    /// </summary>
    Configuration Select(in SchedulingContext context);
}
