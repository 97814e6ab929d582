using DynaSplit.Energy.Tests.Fixtures;

namespace DynaSplit.Energy.Tests;

public sealed class IntegrationMathTests
{
    [Test]
    public void Trapezoid_of_a_step_signal_sampled_at_1ms_is_within_1_percent()
    {
        // 2 W for 0.3 s, 5 W for 0.5 s, 1 W for 0.2 s: 0.6 + 2.5 + 0.2 = 3.3 J.
        static double Signal(double t) => t < 0.3 ? 2 : t < 0.8 ? 5 : 1;
        var integrator = new TrapezoidIntegrator(1, 1_000_000);
        for (var us = 0L; us <= 1_000_000; us += 1000)
        {
            integrator.Add(us, [Signal(us / 1e6)]);
        }

        Assert.That(integrator.Joules(0), Is.EqualTo(3.3).Within(0.033));
        Assert.That(integrator.SampleCount, Is.EqualTo(1001));
        Assert.That(integrator.Duration, Is.EqualTo(TimeSpan.FromSeconds(1)));
    }

    [Test]
    public void Trapezoid_is_exact_for_the_piecewise_linear_signal_sampled_on_uneven_times()
    {
        var signal = PiecewiseSignal.Default;
        var integrator = new TrapezoidIntegrator(2, 1_000_000);
        var random = new Random(7);
        var t = 0L;
        while (t < 1_600_000)
        {
            integrator.Add(t, [signal.Watts(t / 1e6), 2 * signal.Watts(t / 1e6)]);
            t += random.Next(200, 3000);
        }

        integrator.Add(1_600_000, [0, 0]);
        Assert.That(integrator.Joules(0), Is.EqualTo(signal.TrueJoules()).Within(signal.TrueJoules() * 0.01));
        Assert.That(integrator.Joules(1), Is.EqualTo(2 * integrator.Joules(0)).Within(1e-9));
        Assert.That(integrator.TotalJoules, Is.EqualTo(3 * integrator.Joules(0)).Within(1e-9));
    }

    [Test]
    public void Trapezoid_rejects_a_clock_going_backwards_and_non_finite_power()
    {
        var integrator = new TrapezoidIntegrator(1, 1000);
        integrator.Add(10, [1.0]);
        Assert.That(() => integrator.Add(9, [1.0]), Throws.ArgumentException.With.Message.Contains("monotonic"));
        Assert.That(() => integrator.Add(11, [double.NaN]), Throws.ArgumentException.With.Message.Contains("finite"));
    }

    [Test]
    public void Counter_accumulator_adds_the_range_back_on_a_wrap()
    {
        var accumulator = new CounterAccumulator(["package-0"], [100.0]);
        accumulator.Add([90.0]);
        accumulator.Add([99.5]);
        accumulator.Add([2.0]); // wrapped: 0.5 to the top, then 2
        accumulator.Add([10.0]);
        Assert.That(accumulator.Joules(0), Is.EqualTo(9.5 + 2.5 + 8.0).Within(1e-9));
        Assert.That(accumulator.Wraps, Is.EqualTo(1));
    }

    [Test]
    public void Counter_accumulator_refuses_a_counter_without_range_going_backwards()
    {
        var accumulator = new CounterAccumulator(["gpu0"], [0.0]);
        accumulator.Add([1000.0]);
        Assert.That(() => accumulator.Add([10.0]), Throws.InvalidOperationException.With.Message.Contains("reset"));
    }
}
