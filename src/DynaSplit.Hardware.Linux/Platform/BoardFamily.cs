namespace DynaSplit.Hardware.Linux.Platform;

/// <summary>The edge boards DynaSplit recognises from the device tree.</summary>
public enum BoardFamily
{
    /// <summary>Not a recognised board (a PC, a VM, a container without device tree).</summary>
    Unknown = 0,

    /// <summary>A Raspberry Pi 4 (Model B, 400, Compute Module 4).</summary>
    RaspberryPi4,

    /// <summary>A Raspberry Pi 5 (or Compute Module 5).</summary>
    RaspberryPi5,

    /// <summary>Another Raspberry Pi.</summary>
    RaspberryPiOther,

    /// <summary>NVIDIA Jetson Nano (Tegra X1 / T210).</summary>
    JetsonNano,

    /// <summary>NVIDIA Jetson Xavier NX (T194).</summary>
    JetsonXavierNx,

    /// <summary>NVIDIA Jetson AGX Xavier (T194).</summary>
    JetsonAgxXavier,

    /// <summary>NVIDIA Jetson Orin Nano (T234).</summary>
    JetsonOrinNano,

    /// <summary>NVIDIA Jetson Orin NX (T234).</summary>
    JetsonOrinNx,

    /// <summary>NVIDIA Jetson AGX Orin (T234).</summary>
    JetsonAgxOrin,

    /// <summary>Another NVIDIA Jetson or Tegra board.</summary>
    JetsonOther,
}
