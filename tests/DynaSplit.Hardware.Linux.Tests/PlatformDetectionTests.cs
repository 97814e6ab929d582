using DynaSplit.Hardware.Linux.Platform;
using DynaSplit.Hardware.Linux.Sysfs;
using DynaSplit.Hardware.Linux.Tests.Emulation;

namespace DynaSplit.Hardware.Linux.Tests;

public sealed class PlatformDetectionTests
{
    [TestCase(FixtureTree.RaspberryPi4, BoardFamily.RaspberryPi4, "Raspberry Pi 4 Model B Rev 1.4")]
    [TestCase(FixtureTree.RaspberryPi5, BoardFamily.RaspberryPi5, "Raspberry Pi 5 Model B Rev 1.0")]
    [TestCase(FixtureTree.JetsonNano, BoardFamily.JetsonNano, "NVIDIA Jetson Nano Developer Kit")]
    [TestCase(FixtureTree.XavierNx, BoardFamily.JetsonXavierNx, "NVIDIA Jetson Xavier NX Developer Kit")]
    [TestCase(FixtureTree.OrinNano, BoardFamily.JetsonOrinNano, "NVIDIA Jetson Orin Nano Developer Kit")]
    public void Recognises_the_board_from_the_device_tree(string board, BoardFamily family, string model)
    {
        using var tree = FixtureTree.Copy(board);
        var platform = PlatformDetector.Detect(tree.Proc, new PhysicalSysfs(tree.Sys));
        Assert.That(platform.Family, Is.EqualTo(family));
        Assert.That(platform.Model, Is.EqualTo(model), "the trailing NUL of the device-tree string is removed");
        Assert.That(platform.Compatible, Is.Not.Empty);
        Assert.That(platform.IsJetson, Is.EqualTo(board.StartsWith("Jetson", StringComparison.Ordinal)));
    }

    [Test]
    public void Falls_back_to_sys_firmware_devicetree_when_proc_has_none()
    {
        using var tree = FixtureTree.Empty();
        var dir = Path.Combine(tree.Sys, "firmware", "devicetree", "base");
        Directory.CreateDirectory(dir);
        File.WriteAllText(Path.Combine(dir, "model"), "NVIDIA Jetson AGX Orin Developer Kit\0");
        var platform = PlatformDetector.Detect(tree.Proc, new PhysicalSysfs(tree.Sys));
        Assert.That(platform.Family, Is.EqualTo(BoardFamily.JetsonAgxOrin));
    }

    [Test]
    public void A_machine_without_device_tree_is_unknown()
    {
        using var tree = FixtureTree.Empty();
        var platform = PlatformDetector.Detect(tree.Proc, new PhysicalSysfs(tree.Sys));
        Assert.That(platform.Family, Is.EqualTo(BoardFamily.Unknown));
        Assert.That(platform.Model, Is.Empty);
    }

    [TestCase("NVIDIA Orin Nano Developer Kit", "nvidia,tegra234", BoardFamily.JetsonOrinNano)]
    [TestCase("NVIDIA Jetson Orin NX Engineering Reference Developer Kit", "nvidia,tegra234", BoardFamily.JetsonOrinNx)]
    [TestCase("Jetson-AGX", "nvidia,tegra194", BoardFamily.JetsonOther)]
    [TestCase("Raspberry Pi Compute Module 4 Rev 1.1", "raspberrypi,4-compute-module", BoardFamily.RaspberryPi4)]
    [TestCase("Raspberry Pi 3 Model B Plus Rev 1.3", "raspberrypi,3-model-b-plus", BoardFamily.RaspberryPiOther)]
    [TestCase("QEMU Virtual Machine", "linux,dummy-virt", BoardFamily.Unknown)]
    public void Classifies_model_strings(string model, string compatible, BoardFamily family) =>
        Assert.That(PlatformDetector.Classify(model, [compatible]), Is.EqualTo(family));
}
