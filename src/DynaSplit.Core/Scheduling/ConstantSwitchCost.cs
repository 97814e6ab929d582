using DynaSplit.Spaces;

namespace DynaSplit.Scheduling;

/// <summary>
/// A fixed cost for every change of the hardware settings (any parameter but the cut points and the tensor codec,
/// which change what runs where, not the hardware): the simulator's <c>--switch-cost MS</c>.
/// </summary>
public sealed class ConstantSwitchCost : ISwitchCostModel
{
    /// <summary>Creates the model.</summary>
    /// <param name="milliseconds">The cost of one change, ms (finite, not negative).</param>
    public ConstantSwitchCost(double milliseconds)
    {
        if (!double.IsFinite(milliseconds) || milliseconds < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(milliseconds), milliseconds, "A switch cost must be a finite, non-negative number of ms.");
        }

        Milliseconds = milliseconds;
    }

    /// <summary>No cost: the published model, where switching is free.</summary>
    public static ConstantSwitchCost Free { get; } = new(0);

    /// <summary>The cost of one change, ms.</summary>
    public double Milliseconds { get; }

    /// <inheritdoc />
    public double EstimateMs(Configuration? from, Configuration to) =>
        Milliseconds == 0 || !HardwareDiffers(from, to) ? 0 : Milliseconds;

    /// <summary>True when a hardware setting differs (every parameter but cut points and the tensor codec); an unknown state differs.</summary>
    public static bool HardwareDiffers(Configuration? from, Configuration to)
    {
        ArgumentNullException.ThrowIfNull(to);
        if (from is null)
        {
            return true;
        }

        var parameters = to.Space.Parameters;
        for (var i = 0; i < parameters.Count; i++)
        {
            if (parameters[i].Setting is not (SettingKind.CutPoint or SettingKind.TensorCodec) && from[i] != to[i])
            {
                return true;
            }
        }

        return false;
    }
}
