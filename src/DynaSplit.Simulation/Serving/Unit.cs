namespace DynaSplit.Simulation.Serving;

/// <summary>The input of a replayed request: nothing (the recorded run stands for the inference).</summary>
public readonly record struct Unit;
