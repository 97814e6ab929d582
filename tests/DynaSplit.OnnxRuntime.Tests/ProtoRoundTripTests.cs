using DynaSplit.OnnxRuntime.Models;
using DynaSplit.OnnxRuntime.Onnx;
using Google.Protobuf;

namespace DynaSplit.OnnxRuntime.Tests;

public sealed class ProtoRoundTripTests
{
    [Test]
    public void SqueezeNetFromPyTorchRoundTripsByteForByte()
    {
        var bytes = File.ReadAllBytes(TestModels.SqueezeNet);
        var model = OnnxModel.Parse(bytes, TestModels.SqueezeNet);
        Assert.That(model.ToByteArray(), Is.EqualTo(bytes));
        Assert.That(model.Graph.Node, Has.Count.GreaterThan(50));
    }

    [Test]
    public void PpOcrFromPaddleRoundTripsByteForByte()
    {
        var bytes = File.ReadAllBytes(TestModels.PpOcr);
        var model = OnnxModel.Parse(bytes, TestModels.PpOcr);
        Assert.That(model.ToByteArray(), Is.EqualTo(bytes));
        Assert.That(model.Graph.Node, Has.Count.EqualTo(672));
    }

    [Test]
    public void UnknownFieldsAndExplicitDefaultsSurviveARoundTrip()
    {
        var model = TestModels.Chain(2);
        model.Graph.Node[0].Attribute.Add(new AttributeProto { Name = "zero", Type = AttributeProto.Types.AttributeType.Int, I = 0 });
        model.Graph.Initializer[0].DataLocation = TensorProto.Types.DataLocation.Default;
        var known = model.ToByteArray();

        // Append field 99, wire type 2 (tag varint 0x9A 0x06), a field this schema does not declare.
        var unknown = new byte[] { 0x9A, 0x06, 3, (byte)'a', (byte)'b', (byte)'c' };
        var withUnknown = known.Concat(unknown).ToArray();

        var parsed = OnnxModel.Parse(withUnknown, "memory");
        var attribute = parsed.Graph.Node[0].Attribute.Single(a => a.Name == "zero");
        Assert.Multiple(() =>
        {
            Assert.That(attribute.HasI, Is.True);
            Assert.That(parsed.Graph.Initializer[0].HasDataLocation, Is.True);
            Assert.That(parsed.ToByteArray(), Is.EqualTo(withUnknown));
        });
    }

    [Test]
    public void NotOnnxIsRejectedWithThePath()
    {
        var ex = Assert.Throws<InvalidDataException>(() => OnnxModel.Parse("hello, I am a text file\n"u8, "/tmp/readme.txt"));
        Assert.That(ex!.Message, Does.Contain("/tmp/readme.txt").And.Contain("not"));
    }

    [Test]
    public void TruncatedFileIsRejected()
    {
        using var temp = new TempDirectory();
        var path = Path.Combine(temp.Path, "truncated.onnx");
        File.WriteAllBytes(path, File.ReadAllBytes(TestModels.SqueezeNet)[..100_000]);
        var ex = Assert.Throws<InvalidDataException>(() => OnnxModel.Load(path));
        Assert.That(ex!.Message, Does.Contain(path).And.Contain("truncated"));
    }

    [Test]
    public void MissingFileIsRejectedWithThePath()
    {
        var ex = Assert.Throws<FileNotFoundException>(() => OnnxModel.Load("/nonexistent/model.onnx"));
        Assert.That(ex!.Message, Does.Contain("/nonexistent/model.onnx"));
    }
}
