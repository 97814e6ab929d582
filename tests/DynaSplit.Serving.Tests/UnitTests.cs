using DynaSplit.DependencyInjection;
using DynaSplit.Execution;
using DynaSplit.OpenInference.Codecs;
using DynaSplit.OpenInference.Tensors;
using DynaSplit.OpenInference.Transport;
using DynaSplit.Planning;
using DynaSplit.Serving.Energy;
using Microsoft.Extensions.DependencyInjection;

namespace DynaSplit.Serving.Tests;

public sealed class UnitTests
{
    [Test]
    public void ShareClock_SplitsOverlapEqually()
    {
        long now = 0;
        var clock = new ConcurrencyShareClock(() => now);
        var a = clock.Enter();          // a alone 0..10
        now = 10;
        var b = clock.Enter();          // a and b 10..20
        now = 20;
        var shareA = clock.Exit(a);     // a: (10 + 10/2) / 20 = 0.75
        now = 30;                       // b alone 20..30
        var shareB = clock.Exit(b);     // b: (10/2 + 10) / 20 = 0.75
        Assert.That(shareA, Is.EqualTo(0.75).Within(1e-12));
        Assert.That(shareB, Is.EqualTo(0.75).Within(1e-12));
        var c = clock.Enter();
        now = 40;
        Assert.That(clock.Exit(c), Is.EqualTo(1.0).Within(1e-12), "alone, a request owns all the energy of its window");
    }

    [Test]
    public void Int8_RoundTripErrorIsAtMostHalfAStep_AndZeroStaysExact()
    {
        var values = Enumerable.Range(0, 1000).Select(i => i % 5 == 0 ? 0f : (float)Math.Sin(i) * 3).ToArray();
        var tensor = TensorData.FromFloats("x", [1, 1000], values);
        var wire = CutTensorCodec.Int8.Encode(tensor);
        Assert.That(wire.Datatype, Is.EqualTo("INT8"));
        Assert.That(wire.Data.Length, Is.EqualTo(1000));
        var back = CutTensorCodec.Decode(wire, TensorElementType.Float).AsFloats().ToArray();
        var step = wire.Scale!.Value;
        for (var i = 0; i < values.Length; i++)
        {
            Assert.That(Math.Abs(back[i] - values[i]), Is.LessThanOrEqualTo((step / 2) + 1e-6), $"element {i}");
            if (values[i] == 0)
            {
                Assert.That(back[i], Is.EqualTo(0f));
            }
        }

        Assert.That(CutTensorCodec.Decode(CutTensorCodec.Fp16.Encode(tensor), TensorElementType.Float).AsFloats().ToArray(), Is.EqualTo(values).Within(2e-3f));
        Assert.Throws<ArgumentException>(() => CutTensorCodec.Parse("int4"));
    }

    [Test]
    public void StageModelNames_RoundTrip()
    {
        var name = StageModelNames.For("squeezenet1_1", 7, 65);
        Assert.That(name, Is.EqualTo("squeezenet1_1.7-65"));
        Assert.That(StageModelNames.TryParse(name, "squeezenet1_1", out var from, out var to), Is.True);
        Assert.That((from, to), Is.EqualTo((7, 65)));
        Assert.That(StageModelNames.TryParse("squeezenet1_1.9-3", "squeezenet1_1", out _, out _), Is.False);
    }

    [Test]
    public void AddOpenInferenceTransport_RegistersTheTransport_AndRefusesAFallbackWithoutARunner()
    {
        var services = new ServiceCollection();
        services.AddDynaSplit().AddOpenInferenceTransport(o => { o.Endpoint = new Uri("http://127.0.0.1:9"); o.Model = "m"; });
        services.AddDynaSplit().AddOpenInferenceTransport(o => o.Codec = "int8");
        using (var provider = services.BuildServiceProvider())
        {
            var transport = provider.GetServices<IStageTransport>().Single();
            Assert.That(transport, Is.InstanceOf<OpenInferenceStageTransport>());
            Assert.That(transport.Tier, Is.EqualTo("cloud"));
        }

        var withFallback = new ServiceCollection();
        withFallback.AddDynaSplit().AddOpenInferenceTransport(o => { o.Endpoint = new Uri("http://127.0.0.1:9"); o.Model = "m"; }, fallbackTier: "edge");
        using var failing = withFallback.BuildServiceProvider();
        Assert.That(() => failing.GetRequiredService<IStageTransport>(), Throws.InvalidOperationException.With.Message.Contains("IStageRunner"));
    }

    [Test]
    public void TransportOptions_AreValidated()
    {
        Assert.That(() => new OpenInferenceStageTransport(new OpenInferenceTransportOptions { Model = "m" }), Throws.ArgumentException.With.Message.Contains("Endpoint"));
        Assert.That(() => new OpenInferenceStageTransport(new OpenInferenceTransportOptions { Endpoint = new Uri("http://x:1"), Model = "m", Codec = "bf8" }), Throws.ArgumentException.With.Message.Contains("bf8"));
    }
}
