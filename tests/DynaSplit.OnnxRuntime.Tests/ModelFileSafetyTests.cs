using System.Diagnostics;
using DynaSplit.OnnxRuntime.Models;
using DynaSplit.OnnxRuntime.Onnx;
using DynaSplit.OnnxRuntime.Planning;

namespace DynaSplit.OnnxRuntime.Tests;

/// <summary>
/// Untrusted models: external data that is a link, a hard link, a special file, a folder or out of bounds is refused
/// with a message naming the model, the tensor and the file (issue 15, items 1, 5, 8 and 15).
/// </summary>
public sealed class ModelFileSafetyTests
{
    [Test]
    public void ExternalDataThatIsASymbolicLinkToAFileOutsideIsRefused()
    {
        using var temp = new TempDirectory();
        var secret = Path.Combine(temp.Path, "secret.bin");
        File.WriteAllBytes(secret, Enumerable.Repeat((byte)0x5A, 8 * 8 * 4 * 2).ToArray());
        var folder = Directory.CreateDirectory(Path.Combine(temp.Path, "model")).FullName;
        var path = PointAt(folder, "weights.bin");
        File.CreateSymbolicLink(Path.Combine(folder, "weights.bin"), secret);

        var ex = Assert.Throws<InvalidDataException>(() => OnnxModel.Load(path));
        Assert.That(ex!.Message, Does.Contain("symbolic link").And.Contain("w0").And.Contain("weights.bin"));
    }

    [Test]
    public void ExternalDataReachedThroughALinkedFolderIsRefused()
    {
        using var temp = new TempDirectory();
        var outside = Directory.CreateDirectory(Path.Combine(temp.Path, "outside")).FullName;
        File.WriteAllBytes(Path.Combine(outside, "weights.bin"), new byte[8 * 8 * 4 * 2]);
        var folder = Directory.CreateDirectory(Path.Combine(temp.Path, "model")).FullName;
        Directory.CreateSymbolicLink(Path.Combine(folder, "sub"), outside);
        var path = PointAt(folder, "sub/weights.bin");

        var ex = Assert.Throws<InvalidDataException>(() => OnnxModel.Load(path));
        Assert.That(ex!.Message, Does.Contain("symbolic link").And.Contain("sub"));
    }

    [Test]
    public void ExternalDataThatIsAHardLinkIsRefused()
    {
        Assume.That(OperatingSystem.IsLinux(), "hard links are created with ln");
        using var temp = new TempDirectory();
        var original = Path.Combine(temp.Path, "original.bin");
        File.WriteAllBytes(original, new byte[8 * 8 * 4 * 2]);
        var folder = Directory.CreateDirectory(Path.Combine(temp.Path, "model")).FullName;
        Run("ln", original, Path.Combine(folder, "weights.bin"));
        var path = PointAt(folder, "weights.bin");

        var ex = Assert.Throws<InvalidDataException>(() => OnnxModel.Load(path));
        Assert.That(ex!.Message, Does.Contain("2 hard links"));
    }

    [Test]
    [CancelAfter(20_000)]
    public void ExternalDataThatIsAFifoIsRefusedWithoutBlocking()
    {
        Assume.That(OperatingSystem.IsLinux(), "FIFOs are created with mkfifo");
        using var temp = new TempDirectory();
        var folder = temp.Path;
        Run("mkfifo", Path.Combine(folder, "weights.bin"));
        var path = PointAt(folder, "weights.bin");

        // Opening a FIFO for reading blocks until a writer comes; the check must happen before the open.
        var load = Task.Run(() => OnnxModel.Load(path));
        Task.WaitAny(load, Task.Delay(TimeSpan.FromSeconds(10)));
        Assert.That(load.IsCompleted, Is.True, "loading blocked on the FIFO");
        var ex = load.Exception?.InnerException;
        Assert.That(ex, Is.TypeOf<InvalidDataException>());
        Assert.That(ex!.Message, Does.Contain("FIFO"));
    }

    [Test]
    public void ExternalDataThatIsAFolderIsRefused()
    {
        using var temp = new TempDirectory();
        Directory.CreateDirectory(Path.Combine(temp.Path, "weights.bin"));
        var path = PointAt(temp.Path, "weights.bin");
        var ex = Assert.Throws<InvalidDataException>(() => OnnxModel.Load(path));
        Assert.That(ex!.Message, Does.Contain("is a folder"));
    }

    [Test]
    public void AnOffsetBeyondTheFileWithoutLengthIsReportedNotAnOverflow()
    {
        using var temp = new TempDirectory();
        File.WriteAllBytes(Path.Combine(temp.Path, "weights.bin"), new byte[100]);
        var path = PointAt(temp.Path, "weights.bin", offset: 1_000_000, length: null);
        var ex = Assert.Throws<InvalidDataException>(() => OnnxModel.Load(path));
        Assert.That(ex!.Message, Does.Contain("w0").And.Contain("which has 100"));
    }

    [Test]
    public void AnOffsetAndLengthNearLongMaxValueAreReportedNotAnOverflow()
    {
        using var temp = new TempDirectory();
        File.WriteAllBytes(Path.Combine(temp.Path, "weights.bin"), new byte[256]);
        var path = PointAt(temp.Path, "weights.bin", offset: 16, length: long.MaxValue - 8);
        var ex = Assert.Throws<InvalidDataException>(() => OnnxModel.Load(path));
        Assert.That(ex!.Message, Does.Contain("truncated"));
    }

    [Test]
    public void ALengthThatDisagreesWithTheShapeIsReported()
    {
        using var temp = new TempDirectory();
        File.WriteAllBytes(Path.Combine(temp.Path, "weights.bin"), new byte[1000]);
        var path = PointAt(temp.Path, "weights.bin", offset: 0, length: 100);
        var ex = Assert.Throws<InvalidDataException>(() => OnnxModel.Load(path));
        Assert.That(ex!.Message, Does.Contain("needs 256 bytes").And.Contain("length 100"));
    }

    [Test]
    public void AFolderGivenAsTheModelIsSaidToBeAFolder()
    {
        using var temp = new TempDirectory();
        var ex = Assert.Throws<InvalidDataException>(() => OnnxModel.Load(temp.Path));
        Assert.That(ex!.Message, Does.Contain("is a folder"));
        var planner = new OnnxSplitPlanner();
        var planned = Assert.ThrowsAsync<InvalidDataException>(async () => await planner.PlanAsync(temp.Path, CancellationToken.None));
        Assert.That(planned!.Message, Does.Contain("is a folder"));
    }

    [Test]
    public void ADeviceGivenAsTheModelIsRefused()
    {
        Assume.That(File.Exists("/dev/zero"));
        var ex = Assert.Throws<InvalidDataException>(() => OnnxModel.Load("/dev/zero"));
        Assert.That(ex!.Message, Does.Contain("character device"));
    }

    [Test]
    public void AModelPathThatIsALinkTheUserMadeIsFollowed()
    {
        using var temp = new TempDirectory();
        var path = TestModels.Save(TestModels.Chain(2), temp.Path);
        var link = Path.Combine(temp.Path, "link.onnx");
        File.CreateSymbolicLink(link, path);
        Assert.That(OnnxModel.Load(link).Proto.Graph.Node, Has.Count.EqualTo(2));
    }

    /// <summary>A Chain(2) model in <paramref name="folder"/> whose first weight is external at <paramref name="location"/>.</summary>
    private static string PointAt(string folder, string location, long offset = 0, long? length = 256)
    {
        var model = TestModels.Chain(2);
        var w = model.Graph.Initializer[0];
        w.ClearRawData();
        w.DataLocation = TensorProto.Types.DataLocation.External;
        w.ExternalData.Add(new StringStringEntryProto { Key = "location", Value = location });
        w.ExternalData.Add(new StringStringEntryProto { Key = "offset", Value = offset.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        if (length is { } l)
        {
            w.ExternalData.Add(new StringStringEntryProto { Key = "length", Value = l.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        }

        var path = Path.Combine(folder, "model.onnx");
        File.WriteAllBytes(path, Google.Protobuf.MessageExtensions.ToByteArray(model));
        return path;
    }

    private static void Run(string program, params string[] arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(program, arguments) { RedirectStandardError = true })!;
        process.WaitForExit();
        Assert.That(process.ExitCode, Is.Zero, $"{program} failed: {process.StandardError.ReadToEnd()}");
    }
}
