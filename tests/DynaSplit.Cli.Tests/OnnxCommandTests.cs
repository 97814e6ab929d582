using System.Text.Json;

namespace DynaSplit.Cli.Tests;

public sealed class OnnxCommandTests
{
    private static readonly string SqueezeNet = Cli.Model("squeezenet1_1.onnx");

    [Test]
    public void InspectJsonListsEverySplitPoint()
    {
        var (exit, output, error) = Cli.Run("inspect", SqueezeNet, "--json");
        Assert.That(exit, Is.Zero, error);
        using var json = JsonDocument.Parse(output);
        var points = json.RootElement.GetProperty("splitPoints").EnumerateArray().ToList();

        Assert.That(json.RootElement.GetProperty("inputs")[0].GetProperty("name").GetString(), Is.EqualTo("input"));
        Assert.That(json.RootElement.GetProperty("outputs")[0].GetProperty("name").GetString(), Is.EqualTo("logits"));
        Assert.That(points.Select(p => p.GetProperty("index").GetInt32()), Is.EqualTo(Enumerable.Range(0, points.Count)));
        Assert.That(points[0].GetProperty("bytesPerSample").GetInt64(), Is.EqualTo(3 * 224 * 224 * 4), "split 0 sends the raw input");
        Assert.That(points[0].GetProperty("singleTensor").GetBoolean(), Is.True);
        Assert.That(points.Count(p => !p.GetProperty("singleTensor").GetBoolean()), Is.GreaterThan(0), "fire modules have multi-tensor cuts");
        Assert.That(points[0].GetProperty("tensors")[0].GetProperty("name").GetString(), Is.EqualTo("input"));
    }

    [Test]
    public void VerifyJsonReportsEachRequestedSplitPoint()
    {
        var (exit, output, error) = Cli.Run("verify", SqueezeNet, "--at", "10", "--json");
        Assert.That(exit, Is.Zero, error);
        using var json = JsonDocument.Parse(output);
        Assert.That(json.RootElement.GetProperty("ok").GetBoolean(), Is.True);
        var point = json.RootElement.GetProperty("splitPoints").EnumerateArray().Single();
        Assert.That(point.GetProperty("index").GetInt32(), Is.EqualTo(10));
        Assert.That(point.GetProperty("maxAbsDiff").GetDouble(), Is.LessThanOrEqualTo(1e-5));
        Assert.That(point.GetProperty("ok").GetBoolean(), Is.True);
    }

    [Test]
    public void VerifyAtAPairOfCutsRunsThreeStagesBitEqualToTheWholeModel()
    {
        var (exit, output, error) = Cli.Run("verify", SqueezeNet, "--at", "8,33", "--json");
        Assert.That(exit, Is.Zero, error);
        using var json = JsonDocument.Parse(output);
        var pair = json.RootElement.GetProperty("pairs").EnumerateArray().Single();
        Assert.That(pair.GetProperty("first").GetInt32(), Is.EqualTo(8));
        Assert.That(pair.GetProperty("second").GetInt32(), Is.EqualTo(33));
        Assert.That(pair.GetProperty("maxAbsDiff").GetDouble(), Is.Zero);
        Assert.That(pair.GetProperty("bitEqual").GetBoolean(), Is.True);

        var (sampleExit, sampleOutput, sampleError) = Cli.Run("verify", SqueezeNet, "--pairs", "3", "--seed", "5");
        Assert.That(sampleExit, Is.Zero, sampleError);
        Assert.That(sampleOutput, Does.Contain("ok: 3 pair(s) of cuts").And.Contain("3 bit-equal"));

        var (badExit, _, badError) = Cli.Run("verify", SqueezeNet, "--at", "33,8");
        Assert.That(badExit, Is.EqualTo(2));
        Assert.That(badError, Does.Contain("33,8").Or.Contain("8,33"));
    }

    [Test]
    public void SplitWritesAHeadAndATail()
    {
        var directory = Path.Combine(Path.GetTempPath(), $"split-{Guid.NewGuid():N}");
        try
        {
            var (exit, _, error) = Cli.Run("split", SqueezeNet, "--at", "10", "--out", directory);
            Assert.That(exit, Is.Zero, error);
            var head = new FileInfo(Path.Combine(directory, "head.onnx"));
            var tail = new FileInfo(Path.Combine(directory, "tail.onnx"));
            Assert.That(head.Exists && tail.Exists, Is.True);
            Assert.That(head.Length + tail.Length, Is.GreaterThan(4_000_000), "the weights are divided between head and tail");
            Assert.That(head.Length, Is.LessThan(tail.Length), "split 10 keeps most weights in the tail");

            var (headExit, headOut, headError) = Cli.Run("inspect", head.FullName, "--json");
            Assert.That(headExit, Is.Zero, headError);
            using var json = JsonDocument.Parse(headOut);
            Assert.That(json.RootElement.GetProperty("outputs")[0].GetProperty("name").GetString(), Is.EqualTo("/features/features.3/Concat_output_0"));

            // Split 0 has no head: the head of split 10 must not stay beside the new tail.
            var (cloudExit, cloudOut, cloudError) = Cli.Run("split", SqueezeNet, "--at", "0", "--out", directory);
            Assert.That(cloudExit, Is.Zero, cloudError);
            Assert.That(cloudOut, Does.Contain("head.onnx: none").And.Contain("removed"));
            Assert.That(File.Exists(head.FullName), Is.False);
            Assert.That(new FileInfo(tail.FullName).Length, Is.GreaterThan(4_000_000), "the tail of split 0 is the whole model");
        }
        finally
        {
            if (Directory.Exists(directory))
            {
                Directory.Delete(directory, recursive: true);
            }
        }
    }

    [Test]
    public void MalformedInputGetsANamedErrorAndWritesNothing()
    {
        var notOnnx = Path.Combine(Path.GetTempPath(), $"notonnx-{Guid.NewGuid():N}.onnx");
        var truncated = Path.Combine(Path.GetTempPath(), $"truncated-{Guid.NewGuid():N}.onnx");
        var directory = Path.Combine(Path.GetTempPath(), $"split-{Guid.NewGuid():N}");
        File.WriteAllText(notOnnx, "this is not a model");
        File.WriteAllBytes(truncated, File.ReadAllBytes(SqueezeNet).AsSpan(0, 100_000).ToArray());
        try
        {
            var cases = new (string[] Args, string Expected)[]
            {
                (["inspect", notOnnx], "not a valid ONNX model"),
                (["inspect", truncated], truncated),
                (["verify", SqueezeNet, "--at", "999"], "Split index 999 is out of range"),
                (["verify", SqueezeNet, "--dim", "H=32"], "'H' is not a dynamic dimension"),
                (["split", SqueezeNet, "--at", "999", "--out", directory], "Split index 999 is out of range"),
                (["inspect", "/nonexistent/model.onnx"], "/nonexistent/model.onnx"),
            };
            foreach (var (args, expected) in cases)
            {
                var (exit, _, error) = Cli.Run(args);
                Assert.That(exit, Is.EqualTo(2), string.Join(' ', args));
                Assert.That(error, Does.StartWith("error: ").And.Contain(expected), string.Join(' ', args));
                Assert.That(error, Does.Not.Contain("   at "), "no stack trace");
            }

            Assert.That(Directory.Exists(directory) && Directory.EnumerateFileSystemEntries(directory).Any(), Is.False, "nothing half-written");
        }
        finally
        {
            File.Delete(notOnnx);
            File.Delete(truncated);
        }
    }
}
