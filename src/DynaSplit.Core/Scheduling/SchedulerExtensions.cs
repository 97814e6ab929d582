using DynaSplit.Spaces;

namespace DynaSplit.Scheduling;

/// <summary>Conveniences over <see cref="IScheduler"/>.</summary>
public static class SchedulerExtensions
{
    /// <summary>Chooses a configuration for a request seen on its own: no current configuration, link or switch cost.</summary>
    public static Configuration Select(this IScheduler scheduler, in InferenceRequest request)
    {
        ArgumentNullException.ThrowIfNull(scheduler);
        return scheduler.Select(new SchedulingContext(request));
    }
}
