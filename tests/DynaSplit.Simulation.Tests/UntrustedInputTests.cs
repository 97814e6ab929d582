using System.Diagnostics;
using DynaSplit.Simulation.Replay;
using DynaSplit.Simulation.Workload;

namespace DynaSplit.Simulation.Tests;

/// <summary>Pools and traces come from elsewhere: bounded, and every error names what is wrong (issue 15, items 7, 8 and 15).</summary>
public sealed class UntrustedInputTests
{
    private const string Header = "latency,energy,layer,cpu-freq";

    [TestCase("T=ue")]
    [TestCase("on;off")]
    public void AChoiceThatAConfigurationKeyCannotHoldIsRefusedWithItsLineAndColumn(string choice)
    {
        var csv = $"latency,energy,layer,server-accelerator\n10,1,0,True\n20,2,3,{choice}\n";
        var ex = Assert.Throws<InvalidDataException>(() => MeasurementPoolCsv.Read(new StringReader(csv), "pool.csv"));
        Assert.That(ex!.Message, Does.Contain("pool.csv:3").And.Contain("column 'server-accelerator'").And.Contain(choice));
    }

    [TestCase(100_000_000)]
    [TestCase(1_000_000)]
    [TestCase(int.MaxValue)]
    public void AHugeSplitIndexIsRefusedBeforeTheSpaceIsBuilt(long index)
    {
        var clock = Stopwatch.StartNew();
        var csv = $"{Header}\n10,1,0,600\n20,2,{index},800\n";
        var ex = Assert.Throws<InvalidDataException>(() => MeasurementPoolCsv.Read(new StringReader(csv), "pool.csv"));
        Assert.That(ex!.Message, Does.Contain("pool.csv:3").And.Contain("column 'layer'").And.Contain("MaxSplitIndex"));
        Assert.That(clock.Elapsed, Is.LessThan(TimeSpan.FromSeconds(5)));
    }

    [Test]
    public void TheSplitIndexLimitCanBeRaised()
    {
        var csv = $"{Header}\n10,1,0,600\n20,2,150000,800\n";
        var pool = MeasurementPoolCsv.Read(new StringReader(csv), "pool.csv", new MeasurementPoolCsvOptions { MaxSplitIndex = 200_000 });
        Assert.That(pool.Configurations, Has.Count.EqualTo(2));
    }

    [Test]
    public void AFolderGivenAsThePoolIsSaidToBeAFolder()
    {
        var folder = Directory.CreateTempSubdirectory("pool-").FullName;
        try
        {
            var ex = Assert.Throws<InvalidDataException>(() => MeasurementPoolCsv.Load(folder));
            Assert.That(ex!.Message, Does.Contain("is a folder").And.Not.Contain("denied"));
        }
        finally
        {
            Directory.Delete(folder);
        }
    }

    [Test]
    [CancelAfter(30_000)]
    public void AnEndlessFileIsCutOffAtTheLimit()
    {
        Assume.That(File.Exists("/dev/zero"));
        var ex = Assert.Throws<InvalidDataException>(() => MeasurementPoolCsv.Load("/dev/zero", new MeasurementPoolCsvOptions { MaxFileBytes = 1 << 20 }));
        Assert.That(ex!.Message, Does.Contain("/dev/zero").And.Contain("larger than the limit of 1,048,576 bytes"));
    }

    [Test]
    public void AFileOfExactlyTheLimitIsRead()
    {
        var path = Path.GetTempFileName();
        try
        {
            var csv = $"{Header}\n10,1,0,600\n20,2,3,800\n";
            File.WriteAllText(path, csv);
            var pool = MeasurementPoolCsv.Load(path, new MeasurementPoolCsvOptions { MaxFileBytes = new FileInfo(path).Length });
            Assert.That(pool.RowCount, Is.EqualTo(2));
            Assert.Throws<InvalidDataException>(() => MeasurementPoolCsv.Load(path, new MeasurementPoolCsvOptions { MaxFileBytes = new FileInfo(path).Length - 1 }));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Test]
    public void AFirstTraceRowThatLooksLikeANumberIsDataNotAHeader()
    {
        // "1OO" (letters O) was dropped silently as a header.
        var ex = Assert.Throws<InvalidDataException>(() => QosWorkload.ReadCsv(new StringReader("1OO\n250\n"), "trace.csv"));
        Assert.That(ex!.Message, Does.Contain("trace.csv:1").And.Contain("'1OO'"));
        Assert.That(QosWorkload.ReadCsv(new StringReader("p99_ms\n250\n"), "trace.csv"), Is.EqualTo(new[] { 250.0 }));
    }

    [Test]
    public void AWorkloadOfBillionsOfRequestsIsRefusedBeforeAllocating()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => QosWorkload.Weibull(2_000_000_000, 100, 500, seed: 1));
        Assert.That(ex!.Message, Does.Contain("10,000,000"));
        Assert.That(QosWorkload.Weibull(QosWorkload.MaxCount, 100, 500, seed: 1), Has.Length.EqualTo(QosWorkload.MaxCount));
    }
}
