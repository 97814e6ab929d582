namespace DynaSplit.Planning;

/// <summary>Finds the candidate split points of a model.</summary>
public interface ISplitPlanner
{
    /// <summary>Analyses the model at <paramref name="modelPath"/> and returns its split points.</summary>
    /// <exception cref="InvalidDataException">The file is not a model this planner reads; the message names the file and the problem.</exception>
    ValueTask<SplitPlan> PlanAsync(string modelPath, CancellationToken cancellationToken);
}
