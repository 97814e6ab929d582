using System.Diagnostics;
using System.Text.Json;
using DynaSplit.OpenInference.Protocol;
using Grpc.Core;

namespace DynaSplit.Serving.Tests;

/// <summary>
/// The server answers a client generated from the published protocol by another stack: Node's @grpc/grpc-js with
/// @grpc/proto-loader, installed by this test with npm (skipped with the reason when node/npm or the registry are not
/// there). The client's logits must equal the .NET client's for the same input.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class CompatibilityTests
{
    [Test]
    public async Task NodeGrpcJsClient_DrivesHealthMetadataAndInference()
    {
        var node = Which("node");
        var npm = Which("npm");
        if (node is null || npm is null)
        {
            Assert.Ignore("node and npm are not installed; the compatibility test needs them (apt-get install nodejs npm).");
        }

        var directory = Path.Combine(TestContext.CurrentContext.TestDirectory, "Compatibility");
        if (!Directory.Exists(Path.Combine(directory, "node_modules", "@grpc", "grpc-js")))
        {
            var (code, output) = Run(npm!, directory, TimeSpan.FromMinutes(4), "install", "--no-audit", "--no-fund", "--no-save", "--loglevel=error", "@grpc/grpc-js@1.14.7", "@grpc/proto-loader@0.8.1");
            if (code != 0)
            {
                Assert.Ignore($"npm could not install @grpc/grpc-js and @grpc/proto-loader (exit {code}); the compatibility test needs the npm registry. {output}");
            }
        }

        await using var server = await LoopbackServer.StartAsync();
        const string model = "squeezenet1_1.64-65";
        var (exit, json) = Run(node!, directory, TimeSpan.FromMinutes(1), "oip-client.js", $"{server.Grpc.Host}:{server.Grpc.Port}", Path.Combine(TestContext.CurrentContext.TestDirectory, "Protos"), model);
        Assert.That(exit, Is.EqualTo(0), json);
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        Assert.That(root.GetProperty("live").GetBoolean(), Is.True);
        Assert.That(root.GetProperty("ready").GetBoolean(), Is.True);
        Assert.That(root.GetProperty("server").GetString(), Is.EqualTo("dynasplit"));
        Assert.That(root.GetProperty("input").GetString(), Is.EqualTo("/classifier/classifier.3/GlobalAveragePool_output_0"));
        Assert.That(root.GetProperty("shape").EnumerateArray().Select(e => e.GetInt64()), Is.EqualTo(new long[] { 1, 1000, 1, 1 }));
        Assert.That(root.GetProperty("output").GetString(), Is.EqualTo("logits"));
        Assert.That(root.GetProperty("computeMs").GetDouble(), Is.GreaterThan(0));
        Assert.That(root.GetProperty("notFoundCode").GetInt32(), Is.EqualTo((int)StatusCode.NotFound));
        Assert.That(root.GetProperty("health").GetString(), Is.EqualTo("SERVING"));

        var expected = await server.Client.ModelInferAsync(BadInputTests.Good());
        var dotnet = System.Runtime.InteropServices.MemoryMarshal.Cast<byte, float>(expected.RawOutputContents[0].Span).ToArray();
        var fromNode = root.GetProperty("logits").EnumerateArray().Select(e => e.GetSingle()).ToArray();
        Assert.That(fromNode, Has.Length.EqualTo(1000));
        Assert.That(fromNode, Is.EqualTo(dotnet).Within(1e-6f), "the same input gives the same logits from either client");
    }

    private static string? Which(string tool) =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Select(d => Path.Combine(d, tool)).FirstOrDefault(File.Exists);

    private static (int Code, string Output) Run(string file, string directory, TimeSpan timeout, params string[] arguments)
    {
        var start = new ProcessStartInfo(file) { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            return (-1, $"{Path.GetFileName(file)} did not finish within {timeout}.");
        }

        return (process.ExitCode, process.ExitCode == 0 ? output.Result : output.Result + error.Result);
    }
}
