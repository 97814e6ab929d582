using DynaSplit.Online;
using DynaSplit.Scheduling;
using DynaSplit.Spaces;

namespace DynaSplit.Core.Tests.Online;

public sealed class ServingLoopTests
{
    private static readonly ConfigurationSpace Space = new(
    [
        new OrdinalParameter("cpu-freq", [600, 1800], ParameterRole.EdgeCpuFrequency),
        new IntegerParameter("layer", 0, 22, 1, ParameterRole.SplitPoint),
    ]);

    /// <summary>Chooses the configuration named by the threshold's thousands, and records the contexts it saw.</summary>
    private sealed class RecordingScheduler : IScheduler
    {
        public List<(Configuration? Current, TimeSpan Now, LinkEstimate? Link)> Seen { get; } = [];

        public string Name => "recording";

        public Configuration Select(in SchedulingContext context)
        {
            Seen.Add((context.Current, context.Now, context.Link));
            return context.Request.LatencyThresholdMs >= 1000 ? Space.ParseKey("cpu-freq=600;layer=22") : Space.ParseKey("cpu-freq=1800;layer=0");
        }
    }

    private sealed class FixedBackend(ISwitchCostModel costs) : IServingBackend<int>
    {
        public List<string> Reconfigured { get; } = [];

        public ValueTask<TimeSpan> ReconfigureAsync(Configuration? current, Configuration target, CancellationToken cancellationToken)
        {
            Reconfigured.Add(target.Key);
            return ValueTask.FromResult(TimeSpan.FromMilliseconds(costs.EstimateMs(current, target)));
        }

        public ValueTask<ExecutionOutcome> ExecuteAsync(Configuration configuration, int input, InferenceRequest request, CancellationToken cancellationToken) =>
            ValueTask.FromResult(new ExecutionOutcome(input, 1.0, [], null));
    }

    private sealed class ManualClock : TimeProvider
    {
        public long Ticks { get; set; }

        public override long TimestampFrequency => TimeSpan.TicksPerSecond;

        public override long GetTimestamp() => Ticks;
    }

    [Test]
    public async Task TheSchedulerSeesTheCurrentConfigurationClockAndLinkAndASwitchCostsLatency()
    {
        var scheduler = new RecordingScheduler();
        var costs = new ConstantSwitchCost(150);
        var backend = new FixedBackend(costs);
        var clock = new ManualClock();
        using var loop = new ServingLoop<int>(scheduler, backend, clock, costs) { Link = new LinkEstimate(50e6, 2, 10) };

        var first = await loop.ServeAsync(new InferenceRequest(2000), 400, CancellationToken.None);
        clock.Ticks += TimeSpan.FromSeconds(3).Ticks;
        var same = await loop.ServeAsync(new InferenceRequest(2000), 400, CancellationToken.None);
        var switched = await loop.ServeAsync(new InferenceRequest(200), 100, CancellationToken.None);

        Assert.That(first.SwitchMs, Is.EqualTo(150), "the first request configures an unknown state");
        Assert.That(same.SwitchMs, Is.Zero);
        Assert.That(same.LatencyMs, Is.EqualTo(400));
        Assert.That(switched.LatencyMs, Is.EqualTo(250));
        Assert.That(switched.MetThreshold, Is.False, "100 ms of inference meets 200 ms, the switch makes it miss");
        Assert.That(backend.Reconfigured, Is.EqualTo(new[] { "cpu-freq=600;layer=22", "cpu-freq=1800;layer=0" }));
        Assert.That(scheduler.Seen[0].Current, Is.Null);
        Assert.That(scheduler.Seen[1].Current!.Key, Is.EqualTo("cpu-freq=600;layer=22"));
        Assert.That(scheduler.Seen[1].Now, Is.EqualTo(TimeSpan.FromSeconds(3)));
        Assert.That(scheduler.Seen[2].Link, Is.EqualTo(new LinkEstimate(50e6, 2, 10)));
    }

    [Test]
    public void ChangingOnlyTheCutIsNotAHardwareSwitch()
    {
        var costs = new ConstantSwitchCost(150);

        Assert.That(costs.EstimateMs(Space.ParseKey("cpu-freq=600;layer=3"), Space.ParseKey("cpu-freq=600;layer=9")), Is.Zero);
        Assert.That(costs.EstimateMs(Space.ParseKey("cpu-freq=600;layer=3"), Space.ParseKey("cpu-freq=1800;layer=3")), Is.EqualTo(150));
        Assert.That(costs.EstimateMs(null, Space.ParseKey("cpu-freq=1800;layer=3")), Is.EqualTo(150));
        Assert.That(() => new ConstantSwitchCost(double.NaN), Throws.InstanceOf<ArgumentOutOfRangeException>());
    }
}
