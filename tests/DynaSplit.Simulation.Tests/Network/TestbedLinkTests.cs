using System.Globalization;
using DynaSplit.Simulation.Network;

namespace DynaSplit.Simulation.Tests.Network;

public sealed class TestbedLinkTests
{
    [Test]
    public void Vgg16CutSizesFromTheArchitectureMatchThePoolsTensorSizeColumn()
    {
        // The pool's "tensor size (KB)" is the serialized tensor: the raw size plus a few bytes of framing.
        var lines = File.ReadAllLines(Pools.Vgg16Path);
        var header = lines[0].Split(',');
        int size = Array.IndexOf(header, "tensor size (KB)"), layer = Array.IndexOf(header, "layer");
        var checkedLayers = new HashSet<int>();
        foreach (var line in lines.Skip(1))
        {
            var fields = line.Split(',');
            var split = (int)double.Parse(fields[layer], CultureInfo.InvariantCulture);
            var serialized = double.Parse(fields[size], CultureInfo.InvariantCulture) * 1024;
            var raw = CutSizes.Vgg16.BytesAt(split);
            Assert.That(serialized - raw, Is.InRange(split == 22 ? 0 : 10, split == 22 ? 0 : 30), $"split {split}");
            checkedLayers.Add(split);
        }

        Assert.That(checkedLayers, Has.Count.EqualTo(23));
    }

    [Test]
    public void TheTestbedRateIsReadFromSizesAndTransferTimes()
    {
        var link = TestbedLink.Estimate(Pools.Vgg16(), CutSizes.Vgg16);
        Assert.That(link.BandwidthBitsPerSecond / 1e6, Is.EqualTo(588.3).Within(0.5));
        Assert.That(link.RoundTripMs, Is.EqualTo(2.29).Within(0.05));
    }

    [Test]
    public void APoolWithoutTransferBreakdownIsRefused()
    {
        var pool = Pools.Variant(_ => true, "avg latency transfer (ms)");
        Assert.That(() => TestbedLink.Estimate(pool, CutSizes.Vgg16), Throws.ArgumentException.With.Message.Contains("no latency breakdown"));
    }
}
