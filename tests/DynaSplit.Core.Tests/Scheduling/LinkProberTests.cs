using DynaSplit.DependencyInjection;
using DynaSplit.Scheduling;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;

namespace DynaSplit.Core.Tests.Scheduling;

public sealed class LinkProberTests
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(5);

    /// <summary>A probe of 1 MB that takes 2 + 80 ms: 100 Mbit/s after the round trip; counts calls, optionally hangs until cancelled.</summary>
    private sealed class FakeProbe : ILinkProbe
    {
        public int Calls;
        public bool Hang;
        public bool Fail;
        public CancellationToken LastToken;

        public async ValueTask<LinkProbeSample> ProbeAsync(CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref Calls);
            LastToken = cancellationToken;
            if (Fail)
            {
                throw new IOException("the far tier is unreachable");
            }

            if (Hang)
            {
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }

            return new LinkProbeSample(1_000_000, 82);
        }
    }

    private static (LinkEstimator Estimator, FakeProbe Probe, LinkProber Prober, FakeTimeProvider Time) Create(LinkProbeOptions? options = null)
    {
        var time = new FakeTimeProvider(DateTimeOffset.UnixEpoch);
        var estimator = new LinkEstimator(new LinkEstimatorOptions { Prior = new LinkEstimate(500e6, 2, 0) }, time);
        estimator.ObserveRoundTrip(2);
        var probe = new FakeProbe();
        return (estimator, probe, new LinkProber(estimator, probe, options ?? new LinkProbeOptions { Interval = Interval }, time), time);
    }

    /// <summary>Moves fake time on in small steps, letting the prober's loop run between them.</summary>
    private static async Task AdvanceAsync(FakeTimeProvider time, TimeSpan by)
    {
        var step = TimeSpan.FromMilliseconds(500);
        for (var t = TimeSpan.Zero; t < by; t += step)
        {
            time.Advance(step);
            await Settle();
        }
    }

    private static async Task Settle()
    {
        for (var i = 0; i < 3; i++)
        {
            await Task.Delay(1);
        }
    }

    private static async Task WaitForAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(5);
        while (!condition() && DateTime.UtcNow < deadline)
        {
            await Task.Delay(5);
        }
    }

    [Test]
    public async Task AnIdleLinkIsProbedOncePerIntervalAndTheEstimateFollowsTheProbe()
    {
        var (estimator, probe, prober, time) = Create();
        await prober.StartAsync(CancellationToken.None);
        await AdvanceAsync(time, TimeSpan.FromSeconds(4.5));
        Assert.That(probe.Calls, Is.Zero, "not before a full interval without traffic");

        await AdvanceAsync(time, TimeSpan.FromSeconds(1));
        await WaitForAsync(() => estimator.Current!.Value.Samples == 1);
        Assert.That(probe.Calls, Is.EqualTo(1));
        Assert.That(estimator.Current!.Value.BandwidthBitsPerSecond, Is.EqualTo(100e6).Within(1e6), "the probe's 1 MB in 80 ms after the round trip");

        await AdvanceAsync(time, TimeSpan.FromSeconds(20));
        Assert.That(probe.Calls, Is.InRange(4, 5), "about one per 5 s over 20 more idle seconds");
        await prober.StopAsync(CancellationToken.None);
    }

    [Test]
    public async Task NoProbeWhileRequestsTeachTheEstimatorThenOneAfterTheyStop()
    {
        var (estimator, probe, prober, time) = Create();
        await prober.StartAsync(CancellationToken.None);
        for (var second = 0; second < 30; second++)
        {
            estimator.Observe(2_000_000, 2 + 32);   // a request's 2 MB at 500 Mbit/s, every second
            await AdvanceAsync(time, TimeSpan.FromSeconds(1));
        }

        Assert.That(probe.Calls, Is.Zero, "traffic flows: nothing to probe");
        await AdvanceAsync(time, TimeSpan.FromSeconds(5.5));
        await WaitForAsync(() => probe.Calls == 1);
        Assert.That(probe.Calls, Is.EqualTo(1), "5 s after the last request's transfer");
        await prober.StopAsync(CancellationToken.None);
    }

    [Test]
    public async Task StoppingCancelsAProbeInFlightAndAFailedProbeIsRetriedAnIntervalLater()
    {
        var (_, probe, prober, time) = Create();
        probe.Hang = true;
        await prober.StartAsync(CancellationToken.None);
        await AdvanceAsync(time, TimeSpan.FromSeconds(5.5));
        await WaitForAsync(() => probe.Calls == 1);
        Assert.That(probe.Calls, Is.EqualTo(1));
        var stop = prober.StopAsync(CancellationToken.None);
        Assert.That(await Task.WhenAny(stop, Task.Delay(5000)), Is.SameAs(stop), "stop returns");
        Assert.That(probe.LastToken.IsCancellationRequested, Is.True, "the probe was cancelled");

        var (_, failing, second, clock) = Create(new LinkProbeOptions { Interval = Interval, Timeout = TimeSpan.FromSeconds(1) });
        failing.Fail = true;
        await second.StartAsync(CancellationToken.None);
        await AdvanceAsync(clock, TimeSpan.FromSeconds(5.5));
        await WaitForAsync(() => failing.Calls == 1);
        await AdvanceAsync(clock, TimeSpan.FromSeconds(4));
        Assert.That(failing.Calls, Is.EqualTo(1), "a failure waits a full interval (probed at 5 s, now 9.5 s)");
        await AdvanceAsync(clock, TimeSpan.FromSeconds(1.5));
        await WaitForAsync(() => failing.Calls == 2);
        Assert.That(failing.Calls, Is.EqualTo(2), "and then tries again");
        await second.DisposeAsync();
    }

    [Test]
    public async Task AddLinkProbeRegistersOneHostedProberAndRefusesABadInterval()
    {
        var services = new ServiceCollection();
        var probe = new FakeProbe();
        services.AddDynaSplit().AddLinkProbe(_ => probe).AddLinkProbe(_ => probe, new LinkProbeOptions { Interval = TimeSpan.FromSeconds(2) });
        await using var provider = services.BuildServiceProvider();
        var hosted = provider.GetServices<IHostedService>().OfType<LinkProber>().ToList();
        Assert.That(hosted, Has.Count.EqualTo(1));
        Assert.That(hosted[0], Is.SameAs(provider.GetRequiredService<LinkProber>()));
        Assert.That(provider.GetRequiredService<LinkProbeOptions>().Interval, Is.EqualTo(TimeSpan.FromSeconds(2)));
        Assert.That(provider.GetRequiredService<LinkEstimator>(), Is.Not.Null);

        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new ServiceCollection().AddDynaSplit().AddLinkProbe(_ => probe, new LinkProbeOptions { Interval = TimeSpan.Zero }));
        Assert.That(error!.Message, Does.Contain("LinkProbeOptions.Interval"));
    }
}
