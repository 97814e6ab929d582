using DynaSplit.Execution;

namespace DynaSplit.Scheduling;

/// <summary>
/// Learns the link to the next tier from the transfers the runtime makes: each transfer's bytes and time, and
/// round trips from small messages. The result, <see cref="Current"/>, goes into the <see cref="SchedulingContext"/>.
/// </summary>
/// <remarks>
/// <para>
/// The design is that of the bandwidth meters of adaptive video players (Shaka Player's EWMA bandwidth estimator;
/// ExoPlayer's bandwidth meter, which also drops small transfers): two exponentially weighted moving averages of the
/// throughput with different half-lives, the more pessimistic of which is the estimate. Samples are weighted by their
/// transfer time and the half-lives are in seconds of transfer, so a long transfer counts for more than a short one
/// and an idle link neither ages nor refreshes the estimate. The fast average follows a sudden drop; the slow one
/// keeps a short burst of speed from raising the estimate. Both start without bias (the sum is divided by the weight
/// accumulated so far), so the first sample is the estimate rather than a fraction of it.
/// </para>
/// <para>
/// Pitfalls handled: a transfer below <see cref="LinkEstimatorOptions.MinBandwidthSampleBytes"/>, or whose time is
/// mostly round trip, is not a bandwidth sample (its time is latency, not throughput); the round trip, learnt from
/// messages up to <see cref="LinkEstimatorOptions.MaxRoundTripSampleBytes"/> and smoothed as TCP smooths its RTT
/// (RFC 6298), is taken off every transfer before its throughput is computed. Thread-safe.
/// </para>
/// </remarks>
public sealed class LinkEstimator
{
    private readonly LinkEstimatorOptions _options;
    private readonly Lock _gate = new();
    private ExponentialMovingAverage _fast;
    private ExponentialMovingAverage _slow;
    private double _roundTripMs;
    private bool _hasRoundTrip;
    private int _bandwidthSamples;
    private readonly TimeProvider _clock;
    private long _lastSampleTimestamp;
    private bool _everSampled;

    /// <summary>Creates an estimator.</summary>
    /// <param name="options">How to weigh transfers; the defaults when null.</param>
    /// <param name="clock">The clock <see cref="LinkEstimatorOptions.ForgetAfter"/> is measured on (a virtual one in a simulation); the system clock when null.</param>
    /// <exception cref="ArgumentException">An option is out of range.</exception>
    public LinkEstimator(LinkEstimatorOptions? options = null, TimeProvider? clock = null)
    {
        _options = options ?? new LinkEstimatorOptions();
        _options.Validate();
        _clock = clock ?? TimeProvider.System;
        _fast = new ExponentialMovingAverage(_options.FastHalfLifeSeconds);
        _slow = new ExponentialMovingAverage(_options.SlowHalfLifeSeconds);
    }

    /// <summary>The options in use.</summary>
    public LinkEstimatorOptions Options => _options;

    /// <summary>How many transfers were ignored for the bandwidth (too small, or dominated by latency).</summary>
    public int IgnoredSamples { get; private set; }

    /// <summary>
    /// The estimate: the smaller of the two averages' bandwidths and the smoothed round trip (0 until a round trip is
    /// seen, unless a prior gives one); the prior until the first bandwidth sample; null with neither.
    /// </summary>
    public LinkEstimate? Current
    {
        get
        {
            lock (_gate)
            {
                var prior = _options.Prior;
                if (_bandwidthSamples > 0 && _options.ForgetAfter is { } forget && _clock.GetElapsedTime(_lastSampleTimestamp) > forget)
                {
                    Forget();
                }

                var roundTrip = _hasRoundTrip ? _roundTripMs : prior?.RoundTripMs ?? 0;
                if (_bandwidthSamples == 0)
                {
                    return prior is { } p ? new LinkEstimate(p.BandwidthBitsPerSecond, roundTrip, 0) : null;
                }

                return new LinkEstimate(Math.Min(_fast.Value, _slow.Value), roundTrip, _bandwidthSamples);
            }
        }
    }

    /// <summary>
    /// Time since the last bandwidth sample on the estimator's clock; null before the first one (what
    /// <see cref="LinkProber"/> watches to probe an idle link).
    /// </summary>
    public TimeSpan? SinceLastBandwidthSample
    {
        get
        {
            lock (_gate)
            {
                return _everSampled ? _clock.GetElapsedTime(_lastSampleTimestamp) : null;
            }
        }
    }

    /// <summary>Records a round trip of a small message, ms.</summary>
    public void ObserveRoundTrip(double milliseconds)
    {
        if (!double.IsFinite(milliseconds) || milliseconds < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(milliseconds), milliseconds, "A round trip must be a finite, non-negative number of ms.");
        }

        lock (_gate)
        {
            AddRoundTrip(milliseconds);
        }
    }

    /// <summary>
    /// Records one transfer: <paramref name="bytes"/> moved in <paramref name="milliseconds"/> (request and response
    /// together, as the transport measured them). Small ones are round-trip samples, large ones bandwidth samples.
    /// </summary>
    public void Observe(long bytes, double milliseconds)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(bytes);
        if (!double.IsFinite(milliseconds) || milliseconds < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(milliseconds), milliseconds, "A transfer time must be a finite, non-negative number of ms.");
        }

        lock (_gate)
        {
            if (bytes <= _options.MaxRoundTripSampleBytes)
            {
                if (bytes > 0 || milliseconds > 0)
                {
                    AddRoundTrip(milliseconds);
                }

                return;
            }

            var roundTrip = _hasRoundTrip ? _roundTripMs : _options.Prior?.RoundTripMs ?? 0;
            var serializationMs = milliseconds - roundTrip;
            if (bytes < _options.MinBandwidthSampleBytes || !(serializationMs > 0) || serializationMs < _options.MinSerializationShare * milliseconds)
            {
                IgnoredSamples++;
                return;
            }

            var seconds = serializationMs / 1000.0;
            var bitsPerSecond = bytes * 8.0 / seconds;
            _fast.Add(seconds, bitsPerSecond);
            _slow.Add(seconds, bitsPerSecond);
            _bandwidthSamples++;
            _lastSampleTimestamp = _clock.GetTimestamp();
            _everSampled = true;
        }
    }

    /// <summary>
    /// Records the transfers of one served request: every stage after the first moved its inputs across a tier
    /// boundary (and its outputs back) in its <see cref="StageMeasurement.TransferMs"/>.
    /// </summary>
    public void Observe(IReadOnlyList<StageMeasurement> stages)
    {
        ArgumentNullException.ThrowIfNull(stages);
        for (var i = 1; i < stages.Count; i++)
        {
            var stage = stages[i];
            Observe(stage.BytesSent + stage.BytesReceived, stage.TransferMs);
        }
    }

    private void Forget()
    {
        _fast = new ExponentialMovingAverage(_options.FastHalfLifeSeconds);
        _slow = new ExponentialMovingAverage(_options.SlowHalfLifeSeconds);
        _bandwidthSamples = 0;
    }

    private void AddRoundTrip(double milliseconds)
    {
        _roundTripMs = _hasRoundTrip ? _roundTripMs + (_options.RoundTripGain * (milliseconds - _roundTripMs)) : milliseconds;
        _hasRoundTrip = true;
    }
}
