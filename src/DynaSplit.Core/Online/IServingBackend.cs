using DynaSplit.Scheduling;
using DynaSplit.Spaces;

namespace DynaSplit.Online;

/// <summary>
/// What the <see cref="ServingLoop{TInput}"/> drives: the live system (knobs and a pipeline) or a replay of
/// recorded measurements. Either one reports the time it spent, so the loop is the same for both.
/// </summary>
/// <typeparam name="TInput">What a request carries to the backend (the input tensors live; nothing in a replay).</typeparam>
public interface IServingBackend<TInput>
{
    /// <summary>Changes the system from <paramref name="current"/> (null: unknown) to <paramref name="target"/>, and reports how long it took.</summary>
    ValueTask<TimeSpan> ReconfigureAsync(Configuration? current, Configuration target, CancellationToken cancellationToken);

    /// <summary>Runs one inference in <paramref name="configuration"/>, which the system is set to.</summary>
    ValueTask<ExecutionOutcome> ExecuteAsync(Configuration configuration, TInput input, InferenceRequest request, CancellationToken cancellationToken);
}
