using DynaSplit.Spaces;
using DynaSplit.Trials;

namespace DynaSplit.Testbed;

/// <summary>
/// Evaluates a configuration into its objectives: on real hardware (configure, run the trial's inferences,
/// measure), or by replaying recorded measurements.
/// </summary>
public interface ITestbed
{
    /// <summary>The configurations this testbed can evaluate.</summary>
    ConfigurationSpace Space { get; }

    /// <summary>Evaluates one configuration.</summary>
    /// <exception cref="ArgumentException">The configuration is not valid in <see cref="Space"/>.</exception>
    ValueTask<TrialMeasurement> EvaluateAsync(Configuration configuration, CancellationToken cancellationToken);
}
