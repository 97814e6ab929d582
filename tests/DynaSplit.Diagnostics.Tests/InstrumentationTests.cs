using System.Diagnostics;
using DynaSplit.DependencyInjection;
using DynaSplit.Diagnostics.Tests.Fakes;
using DynaSplit.Execution;
using DynaSplit.Online;
using DynaSplit.Scheduling;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace DynaSplit.Diagnostics.Tests;

public sealed class InstrumentationTests
{
    [Test]
    public async Task A_served_request_is_exported_as_a_span_and_counted_in_the_metrics()
    {
        var spans = new List<Activity>();
        var metrics = new List<Metric>();
        using (var tracing = Sdk.CreateTracerProviderBuilder().AddDynaSplitInstrumentation().AddDynaSplitInstrumentation().AddInMemoryExporter(spans).Build())
        using (var meters = Sdk.CreateMeterProviderBuilder().AddDynaSplitInstrumentation().AddInMemoryExporter(metrics).Build())
        {
            await ServeAsync(2);
            meters.ForceFlush();
        }

        var requests = spans.Where(s => s.OperationName == "request").ToList();
        Assert.That(requests, Has.Count.EqualTo(2), "one span per request, even with the instrumentation added twice");
        Assert.That(spans.Where(s => s.OperationName == "schedule").Select(s => s.ParentSpanId), Is.EquivalentTo(requests.Select(r => r.SpanId)));
        Assert.That(requests.Select(r => r.Source.Name), Is.All.EqualTo(DynaSplitActivitySource.Name));

        var served = metrics.Single(m => m.Name == "dynasplit.requests");
        long total = 0;
        foreach (ref readonly var point in served.GetMetricPoints())
        {
            total += point.GetSumLong();
        }

        Assert.That(total, Is.EqualTo(2));
        Assert.That(served.MeterName, Is.EqualTo(DynaSplitMetrics.MeterName));
        Assert.That(metrics.Select(m => m.Name), Does.Contain("dynasplit.request.duration").And.Contain("dynasplit.stage.duration"));
    }

    [Test]
    public async Task Without_the_instrumentation_nothing_of_DynaSplit_is_exported()
    {
        var spans = new List<Activity>();
        var metrics = new List<Metric>();
        using (Sdk.CreateTracerProviderBuilder().AddInMemoryExporter(spans).Build())
        using (var meters = Sdk.CreateMeterProviderBuilder().AddInMemoryExporter(metrics).Build())
        {
            await ServeAsync(1);
            meters.ForceFlush();
        }

        Assert.That(spans, Is.Empty);
        Assert.That(metrics, Is.Empty);
    }

    private static async Task ServeAsync(int requests)
    {
        var services = new ServiceCollection();
        services.AddDynaSplit().UseLookupTable(TestSystem.Table()).AddHardwareKnob(_ => TestSystem.CpuKnob());
        services.AddSingleton<ISplitExecutor>(new EchoExecutor());
        await using var provider = services.BuildServiceProvider();
        var runtime = provider.GetRequiredService<DynaSplitRuntime>();
        for (var i = 0; i < requests; i++)
        {
            await runtime.RunAsync(new InferenceRequest(1_000_000), [TensorData.FromFloats("x", [1, 2], [1f, 2f])], CancellationToken.None);
        }
    }
}
