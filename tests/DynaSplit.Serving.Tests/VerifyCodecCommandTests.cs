using System.Diagnostics;
using System.Reflection;
using System.Text.Json;

namespace DynaSplit.Serving.Tests;

/// <summary>`dynasplit verify MODEL --codec all` reports each codec's accuracy effect against the whole model.</summary>
[TestFixture]
public sealed class VerifyCodecCommandTests
{
    [Test]
    public void VerifyWithCodecAll_ReportsFp32Exact_AndFp16Int8WithSmallMeasuredDeviation()
    {
        var (code, output) = Run("verify", ServerProcess.ModelPath, "--codec", "all", "--at", "7", "--json");
        Assert.That(code, Is.Zero, output);
        var rows = JsonDocument.Parse(output).RootElement.GetProperty("codecs").EnumerateArray().ToDictionary(r => r.GetProperty("codec").GetString()!, r => r);
        Assert.That(rows.Keys, Is.EquivalentTo(new[] { "fp32", "fp16", "int8" }));
        Assert.That(rows["fp32"].GetProperty("worstMaxAbsDiff").GetDouble(), Is.Zero, "fp32 sends the bytes as they are");
        Assert.That(rows["fp16"].GetProperty("worstMaxAbsDiff").GetDouble(), Is.GreaterThan(0).And.LessThan(1e-2), "fp16 rounds the cut tensor");
        Assert.That(rows["int8"].GetProperty("worstMaxAbsDiff").GetDouble(), Is.GreaterThan(rows["fp16"].GetProperty("worstMaxAbsDiff").GetDouble()).And.LessThan(1e-1), "int8 loses more than fp16");
        Assert.That(rows.Values.Select(r => r.GetProperty("samples").GetInt32()), Is.All.EqualTo(3), "three seeded inputs at one split index");
        Assert.That(rows.Values.Select(r => r.GetProperty("top1Agreement").GetDouble()), Is.All.InRange(0.0, 1.0));
    }

    [Test]
    public void VerifyWithAnUnknownCodec_FailsNamingTheKnownOnes()
    {
        var (code, output) = Run("verify", ServerProcess.ModelPath, "--codec", "bf16", "--at", "7");
        Assert.That(code, Is.Not.Zero);
        Assert.That(output, Does.Contain("bf16").And.Contain("fp32, fp16 or int8"));
    }

    private static (int Code, string Output) Run(params string[] arguments)
    {
        var cli = typeof(VerifyCodecCommandTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "CliPath").Value!;
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(cli);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        if (!process.WaitForExit(120_000))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail("dynasplit verify did not finish within 2 minutes.");
        }

        return (process.ExitCode, output + error.Result);
    }
}
