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

    /// <summary>
    /// When above 1, each trial also runs its inferences as a streamed batch with this many in flight (the head of the
    /// next runs while the tail of the previous is remote) and reports the amortized latency per inference as the
    /// extra value <see cref="HardwareTestbed.StreamedLatencyName"/>; 0 or 1 (default): per-request latency only.
    /// </summary>
    [Range(0, 64, ErrorMessage = "StreamedLanes must be between 0 and 64.")]
    public int StreamedLanes { get; set; }

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
