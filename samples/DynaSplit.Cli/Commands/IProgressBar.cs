namespace DynaSplit.Cli.Commands;

/// <summary>One progress task: its value out of a maximum, and a description that can change.</summary>
internal interface IProgressBar
{
    void Update(double value, double maxValue, string? description = null);
}
