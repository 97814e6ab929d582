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

    /// <summary>What the tables made on this testbed are bound to (model fingerprint, split points, tiers); unknown by default.</summary>
    Scheduling.TableBinding Binding => Scheduling.TableBinding.Unknown;

    /// <summary>
    /// True when the testbed's trials measure <paramref name="objective"/> (latency and energy always; accuracy only with
    /// a labelled input set or an accuracy source). The offline phase checks its objectives against this at start.
    /// </summary>
    bool CanMeasure(string objective) => true;

    /// <summary>Evaluates one configuration.</summary>
    /// <exception cref="ArgumentException">The configuration is not valid in <see cref="Space"/>.</exception>
    ValueTask<TrialMeasurement> EvaluateAsync(Configuration configuration, CancellationToken cancellationToken);
}
