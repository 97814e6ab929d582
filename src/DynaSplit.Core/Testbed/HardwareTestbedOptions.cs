using System.ComponentModel.DataAnnotations;

namespace DynaSplit.Testbed;

/// <summary>How a <see cref="HardwareTestbed"/> measures one trial.</summary>
public sealed class HardwareTestbedOptions
{
    /// <summary>Inferences run after configuring and before measuring (the paper runs 5).</summary>
    [Range(0, 100_000, ErrorMessage = "WarmupInferences must be between 0 and 100000.")]
    public int WarmupInferences { get; set; } = 5;

    /// <summary>Inferences measured per trial; latency and energy are their means (the paper runs 1,000).</summary>
    [Range(1, 1_000_000, ErrorMessage = "MeasuredInferences must be at least 1.")]
    public int MeasuredInferences { get; set; } = 100;

    /// <summary>
    /// How many distinct inputs a trial prepares before it measures (used in turn when it runs more inferences), so
    /// that making inputs stays out of the measured window and memory stays bounded.
    /// </summary>
    [Range(1, 100_000, ErrorMessage = "DistinctInputs must be at least 1.")]
    public int DistinctInputs { get; set; } = 8;

    /// <summary>Checks the options; throws with every problem named.</summary>
    public void Validate()
    {
        var results = new List<ValidationResult>();
        if (!Validator.TryValidateObject(this, new ValidationContext(this), results, validateAllProperties: true))
        {
            throw new ArgumentException("Invalid hardware testbed options: " + string.Join(" ", results.Select(r => r.ErrorMessage)));
        }
    }
}
