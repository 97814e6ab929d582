using System.Diagnostics;

namespace DynaSplit.Fuzz.Tests;

/// <summary>
/// How long each fuzz target runs and from which seed: <c>DYNASPLIT_FUZZ_SECONDS</c> (default 8, so that the three
/// targets stay well under the two minutes CI allows) and <c>DYNASPLIT_FUZZ_SEED</c> (default 1). A failure names
/// the seed and iteration, which reproduce it.
/// </summary>
internal static class FuzzBudget
{
    public static TimeSpan PerTarget => TimeSpan.FromSeconds(double.TryParse(Environment.GetEnvironmentVariable("DYNASPLIT_FUZZ_SECONDS"), System.Globalization.CultureInfo.InvariantCulture, out var s) && s > 0 ? s : 8);

    public static int Seed => int.TryParse(Environment.GetEnvironmentVariable("DYNASPLIT_FUZZ_SEED"), out var seed) ? seed : 1;

    /// <summary>The most the process may hold while fuzzing: 3 GiB (the probe's own bound is 2 GiB above its start).</summary>
    public const long MaxWorkingSet = 3L << 30;

    /// <summary>Runs <paramref name="iteration"/> for the budget; returns the iterations run.</summary>
    public static int Run(string target, Action<int, Random> iteration)
    {
        var clock = Stopwatch.StartNew();
        var count = 0;
        long peak = 0;
        while (clock.Elapsed < PerTarget)
        {
            var random = new Random(HashCode.Combine(Seed, count));
            var task = Task.Run(() => iteration(count, random));
            if (!task.Wait(TimeSpan.FromSeconds(60)))
            {
                Assert.Fail($"{target}: iteration {count} (seed {Seed}) did not finish within 60 s.");
            }

            peak = Math.Max(peak, Environment.WorkingSet);
            Assert.That(Environment.WorkingSet, Is.LessThan(MaxWorkingSet), $"{target}: iteration {count} (seed {Seed}) left the process at {Environment.WorkingSet:N0} bytes.");
            count++;
        }

        TestContext.Out.WriteLine($"{target}: {count} iterations in {clock.Elapsed.TotalSeconds:F1} s, seed {Seed}, peak working set {peak / (1 << 20)} MiB");
        return count;
    }

    /// <summary>Fails with the seed and iteration unless <paramref name="ex"/> is one of the documented errors.</summary>
    public static void Expect(Exception ex, string target, int iteration, string mutation, params Type[] allowed)
    {
        if (ex is AggregateException { InnerExceptions.Count: 1 } aggregate)
        {
            ex = aggregate.InnerExceptions[0];
        }

        if (!allowed.Any(t => t.IsInstanceOfType(ex)))
        {
            Assert.Fail($"{target}: iteration {iteration} (seed {Seed}, {mutation}) threw {ex.GetType().Name}: {ex}");
        }

        Assert.That(ex.Message, Is.Not.Empty);
    }
}
