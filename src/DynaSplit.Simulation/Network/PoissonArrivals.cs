namespace DynaSplit.Simulation.Network;

/// <summary>Request arrival times of a Poisson process (exponential gaps), seeded.</summary>
public static class PoissonArrivals
{
    /// <summary><paramref name="count"/> arrival times, s, of a Poisson process with <paramref name="ratePerSecond"/>, the first after a gap from 0.</summary>
    public static double[] Generate(int count, double ratePerSecond, int seed)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        if (!(ratePerSecond > 0) || !double.IsFinite(ratePerSecond))
        {
            throw new ArgumentOutOfRangeException(nameof(ratePerSecond), ratePerSecond, "The arrival rate must be a positive number of requests per second.");
        }

        var random = new Random(seed);
        var times = new double[count];
        var t = 0.0;
        for (var i = 0; i < count; i++)
        {
            t += -Math.Log(1.0 - random.NextDouble()) / ratePerSecond;
            times[i] = t;
        }

        return times;
    }
}
