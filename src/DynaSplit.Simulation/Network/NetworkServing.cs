using DynaSplit.Online;
using DynaSplit.Scheduling;
using DynaSplit.Simulation.Comparison;
using DynaSplit.Simulation.Replay;
using DynaSplit.Simulation.Serving;

namespace DynaSplit.Simulation.Network;

/// <summary>
/// Serves a workload through the serving loop over a changing link: requests arrive (Poisson, or back to back), the
/// link follows the trace, and a <see cref="LinkEstimator"/> learns it from each request's transfer and gives its
/// estimate to the scheduler of the next request.
/// </summary>
/// <remarks>
/// Requests are served one at a time, in arrival order; a request that arrives while another is served waits, and its
/// wait is not counted against its threshold nor in <see cref="StrategyOutcome.MeanLatencyMs"/> (the threshold
/// bounds the inference, as in the paper).
/// </remarks>
internal static class NetworkServing
{
    public static StrategyOutcome Serve(MeasurementPool pool, IScheduler strategy, IReadOnlyList<double> thresholdsMs, int seed, ISwitchCostModel? switchCosts, NetworkConditions network, bool recordRequests = false)
    {
        var clock = new SimulatedClock();
        var backend = new NetworkReplayServingBackend(pool, seed, network, clock, switchCosts);
        using var loop = new ServingLoop<Unit>(strategy, backend, clock, switchCosts);
        // The estimator starts from the link the pool was recorded on (what the offline phase saw), unless told otherwise.
        var estimator = new LinkEstimator(network.Estimator.Prior is null ? network.Estimator with { Prior = network.RecordedLink with { Samples = 0 } } : network.Estimator, clock);
        loop.Link = estimator.Current;
        var n = thresholdsMs.Count;
        // The arrivals have their own stream, derived from the seed: the workload's thresholds use the seed itself.
        var arrivals = network.ArrivalRatePerSecond is { } rate ? PoissonArrivals.Generate(n, rate, unchecked((seed * 7919) + 104_729)) : null;
        var points = network.Trace.Points;
        var segmentRequests = new int[points.Count];
        var segmentMet = new int[points.Count];
        var segmentEnergy = new double[points.Count];
        double latency = 0, energy = 0;
        var met = 0;
        var records = recordRequests ? new List<ServedRequestRecord>(n) : null;
        var split = FindSplit(pool);
        var lastProbe = TimeSpan.Zero;
        for (var i = 0; i < n; i++)
        {
            if (arrivals is not null && network.Probe is { } probe)
            {
                lastProbe = ProbeWhileIdle(network, probe, estimator, clock, lastProbe, arrivals[i]);
                loop.Link = estimator.Current;
            }

            if (arrivals is not null && clock.Elapsed.TotalSeconds < arrivals[i])
            {
                clock.Advance(TimeSpan.FromSeconds(arrivals[i]) - clock.Elapsed);
            }

            var startSeconds = clock.Elapsed.TotalSeconds;
            var served = loop.ServeAsync(new InferenceRequest(thresholdsMs[i]), default, CancellationToken.None);
            var result = served.IsCompletedSuccessfully ? served.Result : served.AsTask().GetAwaiter().GetResult();
            estimator.Observe(result.Execution.Stages);
            loop.Link = estimator.Current;
            clock.Advance(TimeSpan.FromMilliseconds(result.LatencyMs));

            var requestEnergy = result.Execution.EnergyJ ?? 0;
            latency += result.LatencyMs;
            energy += requestEnergy;
            var segment = SegmentOf(points, startSeconds);
            records?.Add(new ServedRequestRecord(
                startSeconds,
                points[segment].BitsPerSecond,
                thresholdsMs[i],
                split >= 0 ? (int)result.Configuration[split] : -1,
                result.Configuration.Key,
                result.LatencyMs,
                result.SwitchMs,
                requestEnergy,
                result.MetThreshold));
            segmentRequests[segment]++;
            segmentEnergy[segment] += requestEnergy;
            if (result.MetThreshold)
            {
                met++;
                segmentMet[segment]++;
            }
        }

        var segments = new SegmentOutcome[points.Count];
        for (var s = 0; s < segments.Length; s++)
        {
            var count = segmentRequests[s];
            segments[s] = new SegmentOutcome(
                points[s].Seconds,
                s + 1 < points.Count ? points[s + 1].Seconds : double.PositiveInfinity,
                points[s].BitsPerSecond,
                count,
                count > 0 ? (double)segmentMet[s] / count : double.NaN,
                count > 0 ? segmentEnergy[s] / count : double.NaN);
        }

        return new StrategyOutcome(strategy.Name, latency / n, energy / n, (double)met / n, double.NaN) { Switches = backend.Switches, Segments = segments, Requests = records ?? [] };
    }

    /// <summary>
    /// Sends the probes <see cref="LinkProber"/> would send before the next arrival: one whenever neither a bandwidth
    /// sample nor a probe came for the interval. A probe that overruns the arrival delays the request.
    /// </summary>
    private static TimeSpan ProbeWhileIdle(NetworkConditions network, LinkProbeOptions probe, LinkEstimator estimator, SimulatedClock clock, TimeSpan lastProbe, double arrivalSeconds)
    {
        while (true)
        {
            var sinceProbe = clock.Elapsed - lastProbe;
            var idle = estimator.SinceLastBandwidthSample is { } sinceSample && sinceSample < sinceProbe ? sinceSample : sinceProbe;
            var due = clock.Elapsed + (idle < probe.Interval ? probe.Interval - idle : TimeSpan.Zero);
            if (due.TotalSeconds >= arrivalSeconds)
            {
                return lastProbe;
            }

            clock.Advance(due - clock.Elapsed);
            lastProbe = clock.Elapsed;
            var ms = network.RecordedLink.RoundTripMs + network.Trace.SerializationMs(network.ProbeBytes, clock.Elapsed.TotalSeconds);
            clock.Advance(TimeSpan.FromMilliseconds(ms));
            estimator.Observe(network.ProbeBytes, ms);
        }
    }

    private static int FindSplit(MeasurementPool pool) => pool.Space.IndexOfRole(DynaSplit.Spaces.ParameterRole.SplitPoint);

    private static int SegmentOf(IReadOnlyList<(double Seconds, double BitsPerSecond)> points, double seconds)
    {
        var segment = 0;
        while (segment + 1 < points.Count && points[segment + 1].Seconds <= seconds)
        {
            segment++;
        }

        return segment;
    }
}
