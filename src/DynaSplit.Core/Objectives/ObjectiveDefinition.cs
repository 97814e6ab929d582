namespace DynaSplit.Objectives;

/// <summary>A named objective with its direction and unit.</summary>
/// <param name="Name">The objective's name; the well-known ones are in <see cref="WellKnownObjectives"/>.</param>
/// <param name="Direction">Whether smaller or larger is better.</param>
/// <param name="Unit">The unit the values are in (ms, J, or empty for a ratio).</param>
public sealed record ObjectiveDefinition(string Name, ObjectiveDirection Direction, string Unit = "");
