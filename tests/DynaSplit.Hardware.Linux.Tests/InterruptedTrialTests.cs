using DynaSplit.Hardware;
using DynaSplit.Hardware.Linux.Discovery;
using DynaSplit.Hardware.Linux.Tests.Emulation;

namespace DynaSplit.Hardware.Linux.Tests;

/// <summary>
/// A trial changes three knobs and is interrupted (an exception, or a cancellation in the middle of the third change);
/// the trial's HardwareScope restores, and every file of the board is back at its original content.
/// </summary>
public sealed class InterruptedTrialTests
{
    private static readonly object[] Cases =
    [
        new object[] { FixtureTree.RaspberryPi4, new[] { ("cpu_cores", "2"), ("usb_accelerator", "off"), ("cpu_freq", "1200000") }, "exception" },
        new object[] { FixtureTree.RaspberryPi4, new[] { ("cpu_cores", "2"), ("usb_accelerator", "off"), ("cpu_freq", "1200000") }, "cancellation" },
        new object[] { FixtureTree.XavierNx, new[] { ("power_mode", "MODE_10W_4CORE"), ("gpu_freq", "510000000"), ("cpu_freq", "1420800") }, "exception" },
        new object[] { FixtureTree.XavierNx, new[] { ("power_mode", "MODE_10W_4CORE"), ("gpu_freq", "510000000"), ("cpu_freq", "1420800") }, "cancellation" },
        new object[] { FixtureTree.OrinNano, new[] { ("cpu_freq.policy4", "729600"), ("gpu_freq", "306000000"), ("cpu_freq", "1344000") }, "cancellation" },
    ];

    [TestCaseSource(nameof(Cases))]
    public async Task Every_file_is_back_after_an_interrupted_trial(string board, (string Knob, string Value)[] changes, string interruption)
    {
        using var test = TestBoard.Open(board, nvpmodelMode: 2);
        using var inventory = LinuxHardwareDiscovery.Discover(test.Options);
        var original = test.Tree.Snapshot();
        using var cts = new CancellationTokenSource();
        var cancelled = false;

        Exception? caught = null;
        try
        {
            await using var scope = new HardwareScope(inventory.Knobs);
            await scope.ApplyAsync(changes[0].Knob, Value(changes[0].Value), cts.Token);
            await scope.ApplyAsync(changes[1].Knob, Value(changes[1].Value), cts.Token);
            Assert.That(test.Tree.Snapshot(), Is.Not.EqualTo(original), "the first two knobs changed the board");
            if (interruption == "exception")
            {
                await scope.ApplyAsync(changes[2].Knob, Value(changes[2].Value), cts.Token);
                var changed = Changed(original, test.Tree.Snapshot());
                Assert.That(changed.Count, Is.GreaterThanOrEqualTo(3), string.Join(", ", changed));
                throw new InvalidOperationException("the inference of the trial failed");
            }

            // Cancel while the third knob waits for the current frequency to settle.
            test.Sysfs.SettleReads = int.MaxValue;
            var reads = 0;
            test.Sysfs.OnRead = path =>
            {
                if (path.EndsWith("cur_freq", StringComparison.Ordinal) && ++reads == 3)
                {
                    cancelled = true;
                    cts.Cancel();
                }
            };
            await scope.ApplyAsync(changes[2].Knob, Value(changes[2].Value), cts.Token);
            Assert.Fail("the third change should have been cancelled");
        }
        catch (Exception ex) when (ex is InvalidOperationException or OperationCanceledException)
        {
            caught = ex;
        }

        test.Sysfs.OnRead = null;
        test.Sysfs.Settle();
        Assert.That(caught, interruption == "exception" ? Is.TypeOf<InvalidOperationException>() : Is.InstanceOf<OperationCanceledException>());
        Assert.That(cancelled, Is.EqualTo(interruption == "cancellation"));
        Assert.That(Changed(original, test.Tree.Snapshot()), Is.Empty, "every file is back at its original content");
        Assert.That(inventory.Knobs.Where(k => k.HasChanges), Is.Empty);
        if (test.Nvpmodel is { } nvpmodel)
        {
            Assert.That(nvpmodel.Mode, Is.EqualTo(2));
        }
    }

    private static KnobValue Value(string text) => double.TryParse(text, out var number) ? KnobValue.FromNumber(number) : KnobValue.FromText(text);

    private static List<string> Changed(SortedDictionary<string, string> before, SortedDictionary<string, string> after) =>
        before.Keys.Union(after.Keys)
            .Where(k => !before.TryGetValue(k, out var a) || !after.TryGetValue(k, out var b) || a != b)
            .ToList();
}
