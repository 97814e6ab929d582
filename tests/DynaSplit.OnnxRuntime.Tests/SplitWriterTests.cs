using DynaSplit.OnnxRuntime.Extraction;
using DynaSplit.OnnxRuntime.Models;
using DynaSplit.OnnxRuntime.Planning;
using Microsoft.ML.OnnxRuntime;
using DynaSplit.Tests;

namespace DynaSplit.OnnxRuntime.Tests;

/// <summary>Head and tail are written as one unit, never over the source, never through a planted link (issue 15, items 2 and 10).</summary>
public sealed class SplitWriterTests
{
    [Test]
    public void HeadAndTailAreWrittenAndLoadable()
    {
        using var temp = new TempDirectory();
        var path = TestModels.Save(TestModels.Chain(6), temp.Path, externalData: true);
        var parts = OnnxSplitModel.Load(path).Split(3);
        var output = Path.Combine(temp.Path, "out");
        var files = OnnxSplitWriter.Write(parts, output);
        Assert.That(files.ExternalData, Is.True);
        using var head = new InferenceSession(files.HeadPath!);
        using var tail = new InferenceSession(files.TailPath!);
        Assert.That(head.OutputMetadata.Keys, Is.EquivalentTo(tail.InputMetadata.Keys));
        Assert.That(Directory.GetFiles(output).Select(Path.GetFileName), Is.EquivalentTo(new[] { "head.onnx", "head.onnx.data", "tail.onnx", "tail.onnx.data" }));
    }

    [Test]
    public void ASplitOfAModelIntoItsOwnFolderUnderItsOwnNameIsRefusedAndTheSourceKept()
    {
        using var temp = new TempDirectory();
        var path = TestModels.Save(TestModels.Chain(6), temp.Path, name: "head.onnx");
        var before = File.ReadAllBytes(path);
        var parts = OnnxSplitModel.Load(path).Split(3);
        var ex = Assert.Throws<IOException>(() => OnnxSplitWriter.Write(parts, temp.Path));
        Assert.That(ex!.Message, Does.Contain("Refusing to write").And.Contain("head.onnx"));
        Assert.That(File.ReadAllBytes(path), Is.EqualTo(before));

        // A split without head would have removed "the head of an earlier split": the source.
        var cloud = OnnxSplitModel.Load(path).Split(0);
        Assert.Throws<IOException>(() => OnnxSplitWriter.Write(cloud, temp.Path));
        Assert.That(File.ReadAllBytes(path), Is.EqualTo(before));
    }

    [Test]
    public void ASplitOverItsOwnDataFileIsRefused()
    {
        using var temp = new TempDirectory();
        var path = TestModels.Save(TestModels.Chain(6), temp.Path, name: "tail.onnx", externalData: true);
        var data = File.ReadAllBytes(path + ".data");
        var parts = OnnxSplitModel.Load(path).Split(3);
        Assert.Throws<IOException>(() => OnnxSplitWriter.Write(parts, temp.Path));
        Assert.That(File.ReadAllBytes(path + ".data"), Is.EqualTo(data));
    }

    [Test]
    public void AFailureWritingTheTailLeavesTheEarlierSplitUntouched()
    {
        using var temp = new TempDirectory();
        var path = TestModels.Save(TestModels.Chain(6), temp.Path, externalData: true);
        var output = Path.Combine(temp.Path, "out");
        OnnxSplitWriter.Write(OnnxSplitModel.Load(path).Split(3), output);
        var before = Directory.GetFiles(output).ToDictionary(f => f, File.ReadAllBytes);

        // The source's data file disappears after loading: the parts cannot be written.
        var model = OnnxSplitModel.Load(path);
        File.Delete(path + ".data");
        Assert.Throws<InvalidDataException>(() => OnnxSplitWriter.Write(model.Split(2), output));
        var after = Directory.GetFiles(output).ToDictionary(f => f, File.ReadAllBytes);
        Assert.That(after.Keys, Is.EquivalentTo(before.Keys), "no file was added, removed or left half-written");
        foreach (var (file, bytes) in before)
        {
            Assert.That(after[file], Is.EqualTo(bytes), file);
        }
    }

    [Test]
    public void ACancelledWriteLeavesNothingBehind()
    {
        using var temp = new TempDirectory();
        var path = TestModels.Save(TestModels.Chain(6), temp.Path, externalData: true);
        var output = Path.Combine(temp.Path, "out");
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        Assert.Throws<OperationCanceledException>(() => OnnxSplitWriter.Write(OnnxSplitModel.Load(path).Split(3), output, cancellationToken: cancelled.Token));
        Assert.That(Directory.Exists(output) ? Directory.GetFileSystemEntries(output) : [], Is.Empty);
    }

    [Test]
    public void ALinkPlantedAtTheTargetIsReplacedNotWrittenThrough()
    {
        using var temp = new TempDirectory();
        var path = TestModels.Save(TestModels.Chain(6), temp.Path);
        var victim = Path.Combine(temp.Path, "victim.txt");
        File.WriteAllText(victim, "keep me");
        var output = Directory.CreateDirectory(Path.Combine(temp.Path, "out")).FullName;
        File.CreateSymbolicLink(Path.Combine(output, "head.onnx"), victim);
        OnnxSplitWriter.Write(OnnxSplitModel.Load(path).Split(3), output);
        Assert.That(File.ReadAllText(victim), Is.EqualTo("keep me"));
        Assert.That(new FileInfo(Path.Combine(output, "head.onnx")).LinkTarget, Is.Null);
    }

    [Test]
    public void ModelSaveUsesUnpredictableTemporaryNames()
    {
        // The old temporary name was "<file>.<pid>.tmp": a link planted there was written through.
        using var temp = new TempDirectory();
        var victim = Path.Combine(temp.Path, "victim.txt");
        File.WriteAllText(victim, "keep me");
        var target = Path.Combine(temp.Path, "model.onnx");
        File.CreateSymbolicLink(target + $".{Environment.ProcessId}.tmp", victim);
        new OnnxModel(TestModels.Chain(2), target).Save(target);
        Assert.That(File.ReadAllText(victim), Is.EqualTo("keep me"));
        Assert.That(OnnxModel.Load(target).Proto.Graph.Node, Has.Count.EqualTo(2));
    }

    [Test]
    public void ExternalWeightsBeyondTwoGigabytesArePlannedAndCutWithoutReadingThem()
    {
        // A sparse 2.5 GiB weight: the old loader read it into one managed array (and overflowed at 2 GiB).
        using var temp = new TempDirectory();
        const long rows = 655_360;
        const long columns = 1024;
        var graph = new Onnx.GraphProto { Name = "embedding" };
        graph.Input.Add(OnnxGraph.Value("ids", OnnxGraph.Int64, 1));
        var table = new Onnx.TensorProto { Name = "table", DataType = OnnxGraph.Float, DataLocation = Onnx.TensorProto.Types.DataLocation.External };
        table.Dims.Add([rows, columns]);
        table.ExternalData.Add(new Onnx.StringStringEntryProto { Key = "location", Value = "table.bin" });
        graph.Initializer.Add(table);
        graph.Node.Add(OnnxGraph.Node("Gather", ["table", "ids"], ["e"]));
        graph.Node.Add(OnnxGraph.Node("Relu", ["e"], ["y"]));
        graph.ValueInfo.Add(OnnxGraph.Value("e", OnnxGraph.Float, 1, columns));
        graph.Output.Add(OnnxGraph.Value("y", OnnxGraph.Float, 1, columns));
        using (var data = File.Create(Path.Combine(temp.Path, "table.bin")))
        {
            data.SetLength(rows * columns * 4);
        }

        var path = Path.Combine(temp.Path, "model.onnx");
        File.WriteAllBytes(path, Google.Protobuf.MessageExtensions.ToByteArray(TestModels.Model(graph)));
        var before = GC.GetTotalAllocatedBytes(precise: true);
        var model = OnnxSplitModel.Load(path, new OnnxSplitPlannerOptions { ProbeShapes = false });
        var parts = model.Split(1);
        var bytes = parts.Head!.ToBytes();
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - before;
        Assert.That(allocated, Is.LessThan(64L << 20), "the weights went through managed memory");
        Assert.That(model.Plan.SplitPoints[1].HeadParameterBytes, Is.EqualTo(rows * columns * 4));
        Assert.That(bytes.Length, Is.LessThan(4096), "the head refers to the weights instead of holding them");

        // Writing copies them block by block (tested on small models above; the 3 GiB figure is in docs/security.md).
    }
}
