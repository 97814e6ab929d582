using System.Diagnostics.Metrics;

namespace DynaSplit.Diagnostics;

/// <summary>
/// The instruments operators watch, on the meter named <see cref="MeterName"/>: requests served and those that missed
/// their threshold, request duration, energy per request, bytes sent between tiers, stage and reconfiguration
/// durations, trials measured and their duration, and the link estimate (bandwidth and round trip). Durations are in seconds, as OpenTelemetry's semantic conventions
/// ask.
/// </summary>
public sealed class DynaSplitMetrics : IDisposable
{
    /// <summary>The name of the meter (subscribe to it with OpenTelemetry or dotnet-counters).</summary>
    public const string MeterName = "DynaSplit";

    private readonly Meter _meter;
    private readonly Counter<long> _requests;
    private readonly Counter<long> _qosMissed;
    private readonly Histogram<double> _requestDuration;
    private readonly Histogram<double> _requestEnergy;
    private readonly Counter<long> _bytes;
    private readonly Histogram<double> _stageDuration;
    private readonly Histogram<double> _reconfigurationDuration;
    private readonly Counter<long> _trials;
    private readonly Histogram<double> _trialDuration;
    private readonly Gauge<double> _linkBandwidth;
    private readonly Gauge<double> _linkRoundTrip;

    /// <summary>Creates the instruments, on a meter from <paramref name="meterFactory"/> when given.</summary>
    public DynaSplitMetrics(IMeterFactory? meterFactory = null)
    {
        _meter = meterFactory?.Create(MeterName) ?? new Meter(MeterName);
        _requests = _meter.CreateCounter<long>("dynasplit.requests", "{request}", "Inference requests served by the online phase.");
        _qosMissed = _meter.CreateCounter<long>("dynasplit.requests.qos_missed", "{request}", "Requests whose latency exceeded their threshold.");
        _requestDuration = _meter.CreateHistogram<double>("dynasplit.request.duration", "s", "End-to-end latency of a request, reconfiguration included.");
        _requestEnergy = _meter.CreateHistogram<double>("dynasplit.request.energy", "J", "Energy of a request, where the tiers report it.");
        _bytes = _meter.CreateCounter<long>("dynasplit.transfer.bytes", "By", "Bytes of cut tensors sent to another tier.");
        _stageDuration = _meter.CreateHistogram<double>("dynasplit.stage.duration", "s", "Compute plus transfer time of one stage, by tier.");
        _reconfigurationDuration = _meter.CreateHistogram<double>("dynasplit.reconfiguration.duration", "s", "Time to change the hardware settings between two requests.");
        _trials = _meter.CreateCounter<long>("dynasplit.trials", "{trial}", "Trials measured by the offline phase.");
        _trialDuration = _meter.CreateHistogram<double>("dynasplit.trial.duration", "s", "Wall time of one trial.");
        _linkBandwidth = _meter.CreateGauge<double>("dynasplit.link.bandwidth", "bit/s", "The link estimator's bandwidth estimate of the link to the next tier.");
        _linkRoundTrip = _meter.CreateGauge<double>("dynasplit.link.round_trip", "s", "The link estimator's round-trip estimate of the link to the next tier.");
    }

    /// <summary>Records a served request and its stages.</summary>
    public void RecordRequest(double latencyMs, bool metThreshold, string strategy, Online.ExecutionOutcome? execution = null)
    {
        var tag = new KeyValuePair<string, object?>("strategy", strategy);
        _requests.Add(1, tag);
        _requestDuration.Record(latencyMs / 1000.0, tag);
        if (!metThreshold)
        {
            _qosMissed.Add(1, tag);
        }

        if (execution is null)
        {
            return;
        }

        if (execution.EnergyJ is { } joules)
        {
            _requestEnergy.Record(joules, tag);
        }

        for (var i = 0; i < execution.Stages.Count; i++)
        {
            var stage = execution.Stages[i];
            var tier = new KeyValuePair<string, object?>("tier", stage.Tier);
            _stageDuration.Record(stage.TotalMs / 1000.0, tier);
            if (i > 0 && stage.BytesSent > 0)
            {
                _bytes.Add(stage.BytesSent, tier);
            }
        }
    }

    /// <summary>Records the link estimate after it learnt from a request.</summary>
    public void RecordLink(Scheduling.LinkEstimate link)
    {
        _linkBandwidth.Record(link.BandwidthBitsPerSecond);
        _linkRoundTrip.Record(link.RoundTripMs / 1000.0);
    }

    /// <summary>Records one change of configuration.</summary>
    public void RecordReconfiguration(TimeSpan duration) => _reconfigurationDuration.Record(duration.TotalSeconds);

    /// <summary>Records a measured trial.</summary>
    public void RecordTrial(TimeSpan duration, bool succeeded)
    {
        var tag = new KeyValuePair<string, object?>("status", succeeded ? "complete" : "failed");
        _trials.Add(1, tag);
        _trialDuration.Record(duration.TotalSeconds, tag);
    }

    /// <inheritdoc />
    public void Dispose() => _meter.Dispose();
}
