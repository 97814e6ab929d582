using DynaSplit.Spaces;

namespace DynaSplit.Scheduling;

/// <summary>
/// Everything a scheduler may look at to choose a configuration for one request: the request, the configuration the
/// system is in, the serving clock, the link estimate and the cost of switching. Passed by reference; allocation-free.
/// </summary>
public readonly struct SchedulingContext
{
    /// <summary>Creates a context.</summary>
    /// <param name="request">The request.</param>
    /// <param name="current">The configuration the system is set to, or null when unknown (before the first request).</param>
    /// <param name="now">The serving loop's clock: time since serving began (virtual in a simulation).</param>
    /// <param name="link">The estimate of the link to the next tier, when one is kept.</param>
    /// <param name="switchCosts">The cost of changing configuration, when known.</param>
    public SchedulingContext(in InferenceRequest request, Configuration? current = null, TimeSpan now = default, LinkEstimate? link = null, ISwitchCostModel? switchCosts = null)
    {
        Request = request;
        Current = current;
        Now = now;
        Link = link;
        SwitchCosts = switchCosts;
    }

    /// <summary>The request.</summary>
    public InferenceRequest Request { get; }

    /// <summary>The configuration the system is set to, or null when unknown.</summary>
    public Configuration? Current { get; }

    /// <summary>Time since serving began.</summary>
    public TimeSpan Now { get; }

    /// <summary>The link estimate, when one is kept.</summary>
    public LinkEstimate? Link { get; }

    /// <summary>The cost of changing configuration, when known.</summary>
    public ISwitchCostModel? SwitchCosts { get; }
}
