namespace DynaSplit.Energy.Tests.Fixtures;

/// <summary>
/// A known piecewise-linear power signal, W, of the time since its start: zero, ramps and plateaus, zero again. Its
/// energy is known exactly, and because it is zero before and after, a window around it must measure all of it.
/// The ramps last 200 ms so that a sampler thread descheduled for tens of milliseconds on a loaded machine still
/// lands well inside 1% (the trapezoid is exact on each linear piece; only the corners cost anything).
/// </summary>
internal sealed class PiecewiseSignal(params (double Time, double Watts)[] knots)
{
    public static PiecewiseSignal Default { get; } = new(
        (0.00, 0), (0.05, 0), (0.25, 4.0), (0.45, 4.0), (0.65, 1.5), (0.85, 1.5), (1.05, 6.0), (1.25, 6.0), (1.45, 0), (10, 0));

    public double End => 1.45;

    public double Watts(double t)
    {
        if (t <= knots[0].Time)
        {
            return knots[0].Watts;
        }

        for (var i = 1; i < knots.Length; i++)
        {
            if (t <= knots[i].Time)
            {
                var (t0, p0) = knots[i - 1];
                var (t1, p1) = knots[i];
                return p0 + ((p1 - p0) * (t - t0) / (t1 - t0));
            }
        }

        return knots[^1].Watts;
    }

    /// <summary>The exact integral over all time, J.</summary>
    public double TrueJoules()
    {
        var sum = 0.0;
        for (var i = 1; i < knots.Length; i++)
        {
            sum += (knots[i].Watts + knots[i - 1].Watts) / 2 * (knots[i].Time - knots[i - 1].Time);
        }

        return sum;
    }
}
