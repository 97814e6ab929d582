using System.Net;
using System.Net.Http.Json;
using System.Runtime.InteropServices;
using DynaSplit.OpenInference.Protocol;
using Google.Protobuf;
using Grpc.Core;
using Microsoft.Extensions.DependencyInjection;

namespace DynaSplit.Serving.Tests;

/// <summary>
/// Every bad request of the issue gets its status with a message naming the tensor and what was expected, and the
/// server keeps serving: the next good request succeeds.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class BadInputTests
{
    private const string Tail = "squeezenet1_1.64-65";
    private const string CutTensor = "/classifier/classifier.3/GlobalAveragePool_output_0";
    private LoopbackServer _server = null!;

    [OneTimeSetUp]
    public async Task Start() => _server = await LoopbackServer.StartAsync(o => o.MaxMessageBytes = 64 * 1024);

    [OneTimeTearDown]
    public async Task Stop() => await _server.DisposeAsync();

    [Test]
    public async Task UnknownModel_IsNotFound_NamingWhatIsServed()
    {
        var request = Good();
        request.ModelName = "resnet50";
        var error = await FailsAsync(_server.Client, request, StatusCode.NotFound);
        Assert.That(error, Does.Contain("'resnet50'").And.Contain("squeezenet1_1.0-65"));
        await SucceedsAsync(_server.Client);
    }

    [Test]
    public async Task WrongDatatype_IsInvalidArgument_NamingTheTensorAndTheExpectedType()
    {
        var request = Good();
        request.Inputs[0].Datatype = "INT32";
        var error = await FailsAsync(_server.Client, request, StatusCode.InvalidArgument);
        Assert.That(error, Does.Contain(CutTensor).And.Contain("INT32").And.Contain("expects FP32"));
        await SucceedsAsync(_server.Client);
    }

    [Test]
    public async Task UnknownDatatype_IsInvalidArgument()
    {
        var request = Good();
        request.Inputs[0].Datatype = "FLOAT";
        var error = await FailsAsync(_server.Client, request, StatusCode.InvalidArgument);
        Assert.That(error, Does.Contain(CutTensor).And.Contain("'FLOAT'"));
        await SucceedsAsync(_server.Client);
    }

    [Test]
    public async Task ByteCountDisagreeingWithTheShape_IsInvalidArgument_WithBothCounts()
    {
        var request = Good();
        request.RawInputContents[0] = ByteString.CopyFrom(new byte[3996]);
        var error = await FailsAsync(_server.Client, request, StatusCode.InvalidArgument);
        Assert.That(error, Does.Contain(CutTensor).And.Contain("4000 bytes").And.Contain("3996"));
        await SucceedsAsync(_server.Client);
    }

    [Test]
    public async Task WrongShapeWithTheRightByteCount_IsInvalidArgument_WithTheExpectedShape()
    {
        var request = Good();
        request.Inputs[0].Shape.Clear();
        request.Inputs[0].Shape.AddRange([1, 500, 2, 1]);
        var error = await FailsAsync(_server.Client, request, StatusCode.InvalidArgument);
        Assert.That(error, Does.Contain(CutTensor).And.Contain("[1,500,2,1]").And.Contain("[1,1000,1,1]"));
        await SucceedsAsync(_server.Client);
    }

    [Test]
    public async Task MissingInput_IsInvalidArgument_NamingTheMissingTensor()
    {
        var request = Good();
        request.Inputs.Clear();
        request.RawInputContents.Clear();
        var error = await FailsAsync(_server.Client, request, StatusCode.InvalidArgument);
        Assert.That(error, Does.Contain($"'{CutTensor}' is missing"));
        await SucceedsAsync(_server.Client);
    }

    [Test]
    public async Task RawEntriesNotMatchingTheInputs_AreInvalidArgument()
    {
        var request = Good();
        request.RawInputContents.Add(ByteString.CopyFrom(new byte[4]));
        var error = await FailsAsync(_server.Client, request, StatusCode.InvalidArgument);
        Assert.That(error, Does.Contain("1 input(s) but 2 raw_input_contents"));
        await SucceedsAsync(_server.Client);
    }

    [Test]
    public async Task ContentsInsteadOfRaw_AreAccepted()
    {
        var request = Good();
        request.RawInputContents.Clear();
        request.Inputs[0].Contents = new InferTensorContents();
        request.Inputs[0].Contents.Fp32Contents.AddRange(Enumerable.Range(0, 1000).Select(i => i / 1000f));
        var response = await _server.Client.ModelInferAsync(request);
        Assert.That(response.Outputs[0].Name, Is.EqualTo("logits"));
        Assert.That(response.RawOutputContents[0].Length, Is.EqualTo(4000));
    }

    [Test]
    public async Task OversizedMessage_IsResourceExhausted()
    {
        var request = Good();
        request.RawInputContents[0] = ByteString.CopyFrom(new byte[100 * 1024]);
        var error = await FailsAsync(_server.Client, request, StatusCode.ResourceExhausted);
        Assert.That(error, Does.Contain("message").IgnoreCase);
        await SucceedsAsync(_server.Client);
    }

    [Test]
    public async Task Rest_BadRequests_GetTheirHttpStatus_AndTheServerKeepsServing()
    {
        using (var unknown = await _server.Http.PostAsJsonAsync("/v2/models/nope/infer", new { inputs = Array.Empty<object>() }))
        {
            Assert.That(unknown.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        }

        using (var badJson = await _server.Http.PostAsync($"/v2/models/{Tail}/infer", new StringContent("{ not json")))
        {
            Assert.That(badJson.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        }

        using (var wrongType = await _server.Http.PostAsJsonAsync($"/v2/models/{Tail}/infer", RestBody("INT32", [1, 1000, 1, 1], 1000)))
        {
            Assert.That(wrongType.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(await wrongType.Content.ReadAsStringAsync(), Does.Contain("expects FP32"));
        }

        using (var wrongCount = await _server.Http.PostAsJsonAsync($"/v2/models/{Tail}/infer", RestBody("FP32", [1, 1000, 1, 1], 999)))
        {
            Assert.That(wrongCount.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(await wrongCount.Content.ReadAsStringAsync(), Does.Contain("4000 bytes"));
        }

        using (var oversized = await _server.Http.PostAsJsonAsync($"/v2/models/{Tail}/infer", RestBody("FP32", [1, 1000, 1, 1], 100_000)))
        {
            Assert.That(oversized.StatusCode, Is.EqualTo(HttpStatusCode.RequestEntityTooLarge), await oversized.Content.ReadAsStringAsync());
        }

        using var good = await _server.Http.PostAsJsonAsync($"/v2/models/{Tail}/infer", RestBody("FP32", [1, 1000, 1, 1], 1000));
        Assert.That(good.StatusCode, Is.EqualTo(HttpStatusCode.OK), await good.Content.ReadAsStringAsync());
        var body = await good.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>();
        Assert.That(body.GetProperty("outputs")[0].GetProperty("data").GetArrayLength(), Is.EqualTo(1000));
        Assert.That(body.GetProperty("parameters").GetProperty("dynasplit.compute_ms").GetDouble(), Is.GreaterThan(0));
    }

    [Test]
    public async Task FullQueue_IsResourceExhausted_And429_ThenServesAgain()
    {
        var runner = new BlockingStageRunner();
        await using var server = await LoopbackServer.StartAsync(o => { o.MaxConcurrency = 1; o.MaxQueue = 1; }, s => s.AddSingleton<DynaSplit.Execution.IStageRunner>(runner));
        var running = server.Client.ModelInferAsync(Good()).ResponseAsync;
        var queued = server.Client.ModelInferAsync(Good()).ResponseAsync;
        await WaitUntilAsync(() => runner.Started == 1);
        await Task.Delay(100);
        var error = await FailsAsync(server.Client, Good(), StatusCode.ResourceExhausted);
        Assert.That(error, Does.Contain("busy").And.Contain("1 running, 1 queued"));
        using (var rest = await server.Http.PostAsJsonAsync($"/v2/models/{Tail}/infer", RestBody("FP32", [1, 1000, 1, 1], 1000)))
        {
            Assert.That(rest.StatusCode, Is.EqualTo(HttpStatusCode.TooManyRequests));
        }

        runner.Release(2);
        await running;
        await queued;
        runner.Release(1);
        await server.Client.ModelInferAsync(Good());
    }

    [Test]
    public async Task ExpiredDeadline_IsDeadlineExceeded_ThenServesAgain()
    {
        var runner = new BlockingStageRunner();
        await using var server = await LoopbackServer.StartAsync(services: s => s.AddSingleton<DynaSplit.Execution.IStageRunner>(runner));
        var ex = Assert.ThrowsAsync<RpcException>(async () => await server.Client.ModelInferAsync(Good(), deadline: DateTime.UtcNow.AddMilliseconds(300)));
        Assert.That(ex!.StatusCode, Is.EqualTo(StatusCode.DeadlineExceeded));
        // One release for the expired request in case the server has not seen its cancellation yet, one for the next.
        runner.Release(2);
        var response = await server.Client.ModelInferAsync(Good(), deadline: DateTime.UtcNow.AddSeconds(10));
        Assert.That(response.Outputs[0].Name, Is.EqualTo("logits"));
    }

    [Test]
    public async Task ApiKey_IsRequiredForInference_NotForLiveness()
    {
        await using var server = await LoopbackServer.StartAsync(o => o.ApiKey = "s3cret");
        var error = await FailsAsync(server.Client, Good(), StatusCode.Unauthenticated);
        Assert.That(error, Does.Contain("API key"));
        Assert.That((await server.Client.ServerLiveAsync(new ServerLiveRequest())).Live, Is.True);
        var wrong = new Metadata { { "authorization", "Bearer nope" } };
        Assert.That(Assert.ThrowsAsync<RpcException>(async () => await server.Client.ModelInferAsync(Good(), wrong))!.StatusCode, Is.EqualTo(StatusCode.Unauthenticated));
        var response = await server.Client.ModelInferAsync(Good(), new Metadata { { "authorization", "Bearer s3cret" } });
        Assert.That(response.Outputs, Has.Count.EqualTo(1));
        Assert.That((await server.Client.ModelInferAsync(Good(), new Metadata { { "x-api-key", "s3cret" } })).Outputs, Has.Count.EqualTo(1));
        using var rest = await server.Http.GetAsync($"/v2/models/{Tail}");
        Assert.That(rest.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        using var live = await server.Http.GetAsync("/v2/health/live");
        Assert.That(live.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task UnknownExecutionProviderOrBadThreads_AreInvalidArgument()
    {
        var request = Good();
        request.Parameters["dynasplit.execution_provider"] = new InferParameter { StringParam = "Warp" };
        Assert.That(await FailsAsync(_server.Client, request, StatusCode.InvalidArgument), Does.Contain("WarpExecutionProvider"));
        request = Good();
        request.Parameters["dynasplit.threads"] = new InferParameter { Int64Param = -3 };
        Assert.That(await FailsAsync(_server.Client, request, StatusCode.InvalidArgument), Does.Contain("dynasplit.threads"));
        request = Good();
        request.Parameters["dynasplit.threads"] = new InferParameter { Int64Param = 1 };
        request.Parameters["dynasplit.execution_provider"] = new InferParameter { StringParam = "CPU" };
        Assert.That((await _server.Client.ModelInferAsync(request)).Outputs, Has.Count.EqualTo(1));
    }

    internal static ModelInferRequest Good()
    {
        var request = new ModelInferRequest { ModelName = Tail };
        var input = new ModelInferRequest.Types.InferInputTensor { Name = CutTensor, Datatype = "FP32" };
        input.Shape.AddRange([1, 1000, 1, 1]);
        request.Inputs.Add(input);
        var values = Enumerable.Range(0, 1000).Select(i => (float)Math.Sin(i)).ToArray();
        request.RawInputContents.Add(ByteString.CopyFrom(MemoryMarshal.AsBytes(values.AsSpan())));
        return request;
    }

    private static object RestBody(string datatype, long[] shape, int count) => new
    {
        inputs = new[] { new { name = CutTensor, shape, datatype, data = Enumerable.Range(0, count).Select(i => i % 7).ToArray() } },
    };

    private static async Task<string> FailsAsync(GRPCInferenceService.GRPCInferenceServiceClient client, ModelInferRequest request, StatusCode expected)
    {
        try
        {
            await client.ModelInferAsync(request);
        }
        catch (RpcException ex)
        {
            Assert.That(ex.StatusCode, Is.EqualTo(expected), ex.Status.Detail);
            return ex.Status.Detail;
        }

        Assert.Fail($"The request succeeded; {expected} was expected.");
        return string.Empty;
    }

    private static async Task SucceedsAsync(GRPCInferenceService.GRPCInferenceServiceClient client)
    {
        var response = await client.ModelInferAsync(Good());
        Assert.That(response.Outputs.Single().Name, Is.EqualTo("logits"));
        Assert.That(response.RawOutputContents.Single().Length, Is.EqualTo(4000));
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail("The condition did not hold within 10 s.");
            }

            await Task.Delay(10);
        }
    }
}
