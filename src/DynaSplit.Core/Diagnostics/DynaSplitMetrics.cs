using System.Diagnostics.Metrics;

namespace DynaSplit.Diagnostics;

/// <summary>
/// The instruments operators watch, on the meter named <see cref="MeterName"/>: requests served, requests that
/// missed their threshold, request latency, trials measured and their duration.
/// </summary>
public sealed class DynaSplitMetrics : IDisposable
{
    /// <summary>The name of the meter (subscribe to it with OpenTelemetry or dotnet-counters).</summary>
    public const string MeterName = "DynaSplit";

    private readonly Meter _meter;
    private readonly Counter<long> _requests;
    private readonly Counter<long> _qosMissed;
    private readonly Histogram<double> _requestLatency;
    private readonly Counter<long> _trials;
    private readonly Histogram<double> _trialDuration;

    /// <summary>Creates the instruments, on a meter from <paramref name="meterFactory"/> when given.</summary>
    public DynaSplitMetrics(IMeterFactory? meterFactory = null)
    {
        _meter = meterFactory?.Create(MeterName) ?? new Meter(MeterName);
        _requests = _meter.CreateCounter<long>("dynasplit.requests", "{request}", "Inference requests served by the online phase.");
        _qosMissed = _meter.CreateCounter<long>("dynasplit.requests.qos_missed", "{request}", "Requests whose latency exceeded their threshold.");
        _requestLatency = _meter.CreateHistogram<double>("dynasplit.request.latency", "ms", "End-to-end latency of a request.");
        _trials = _meter.CreateCounter<long>("dynasplit.trials", "{trial}", "Trials measured by the offline phase.");
        _trialDuration = _meter.CreateHistogram<double>("dynasplit.trial.duration", "s", "Wall time of one trial.");
    }

    /// <summary>Records a served request.</summary>
    public void RecordRequest(double latencyMs, bool metThreshold, string strategy)
    {
        var tag = new KeyValuePair<string, object?>("strategy", strategy);
        _requests.Add(1, tag);
        _requestLatency.Record(latencyMs, tag);
        if (!metThreshold)
        {
            _qosMissed.Add(1, tag);
        }
    }

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
