using DynaSplit.OnnxRuntime.Models;
using DynaSplit.OnnxRuntime.Onnx;
using DynaSplit.OnnxRuntime.Planning;
using DynaSplit.OnnxRuntime.Verification;
using Microsoft.ML.OnnxRuntime;

namespace DynaSplit.OnnxRuntime.Tests;

public sealed class ExternalDataTests
{
    [Test]
    public void WeightsInAnExternalFileAreReadAndTheModelVerifiesAtEverySplit()
    {
        using var temp = new TempDirectory();
        var path = TestModels.Save(TestModels.Chain(6), temp.Path, externalData: true);
        var onDisk = OnnxModel.Parse(File.ReadAllBytes(path), path);
        Assert.That(onDisk.Graph.Initializer.All(i => i.DataLocation == TensorProto.Types.DataLocation.External && !i.HasRawData), Is.True);
        Assert.That(File.Exists(path + ".data"), Is.True);

        var model = OnnxSplitModel.Load(path);
        Assert.That(model.Model.UsedExternalData, Is.True);
        // The values stay in the data file (ONNX Runtime maps it); the references are checked and complete.
        Assert.That(model.Model.Proto.Graph.Initializer.All(i => !i.HasRawData && i.ExternalData.Any(e => e.Key == "length" && e.Value == "256")), Is.True);

        var report = OnnxSplitVerifier.Verify(model, new OnnxVerificationOptions { Seed = 3, Dimensions = { ["N"] = 2 } });
        Assert.That(report.SplitPoints, Has.Count.EqualTo(7));
        Assert.That(report.Ok, Is.True);
    }

    [Test]
    public void SplitPartsAreWrittenWithExternalDataThatOnnxRuntimeLoadsFromDisk()
    {
        using var temp = new TempDirectory();
        var path = TestModels.Save(TestModels.Chain(6), temp.Path, externalData: true);
        var model = OnnxSplitModel.Load(path);
        var parts = model.Split(3);
        var headPath = Path.Combine(temp.Path, "out", "head.onnx");
        var tailPath = Path.Combine(temp.Path, "out", "tail.onnx");
        parts.Head!.Save(headPath, externalData: true, externalThresholdBytes: 0);
        parts.Tail!.Save(tailPath, externalData: true, externalThresholdBytes: 0);

        // ONNX Runtime resolves the external data itself when given the path.
        using var head = new InferenceSession(headPath);
        using var tail = new InferenceSession(tailPath);
        Assert.Multiple(() =>
        {
            Assert.That(head.InputMetadata.Keys, Is.EquivalentTo(new[] { "x" }));
            Assert.That(head.OutputMetadata.Keys, Is.EquivalentTo(parts.Point.Tensors.Select(t => t.Name)));
            Assert.That(tail.InputMetadata.Keys, Is.EquivalentTo(parts.Point.Tensors.Select(t => t.Name)));
            Assert.That(new FileInfo(headPath + ".data").Length, Is.GreaterThanOrEqualTo(2 * 8 * 8 * 4));
            Assert.That(Directory.GetFiles(Path.Combine(temp.Path, "out"), "*.tmp"), Is.Empty);
        });
    }

    [Test]
    public void MissingExternalDataFileIsReportedByName()
    {
        using var temp = new TempDirectory();
        var path = TestModels.Save(TestModels.Chain(4), temp.Path, externalData: true);
        File.Delete(path + ".data");
        var ex = Assert.Throws<InvalidDataException>(() => OnnxSplitModel.Load(path));
        Assert.That(ex!.Message, Does.Contain("model.onnx.data").And.Contain("does not exist").And.Contain("w0"));
    }

    [Test]
    public void TruncatedExternalDataFileIsReported()
    {
        using var temp = new TempDirectory();
        var path = TestModels.Save(TestModels.Chain(4), temp.Path, externalData: true);
        var data = File.ReadAllBytes(path + ".data");
        File.WriteAllBytes(path + ".data", data[..(data.Length / 2)]);
        var ex = Assert.Throws<InvalidDataException>(() => OnnxModel.Load(path));
        Assert.That(ex!.Message, Does.Contain("truncated"));
    }

    [Test]
    public void ExternalLocationOutsideTheModelFolderIsRefused()
    {
        using var temp = new TempDirectory();
        var model = TestModels.Chain(2);
        var w = model.Graph.Initializer[0];
        w.ClearRawData();
        w.DataLocation = TensorProto.Types.DataLocation.External;
        w.ExternalData.Add(new StringStringEntryProto { Key = "location", Value = "../../etc/passwd" });
        var path = TestModels.Save(model, temp.Path);
        var ex = Assert.Throws<InvalidDataException>(() => OnnxModel.Load(path));
        Assert.That(ex!.Message, Does.Contain("outside the model's folder"));
    }
}
