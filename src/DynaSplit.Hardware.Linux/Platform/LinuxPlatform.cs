namespace DynaSplit.Hardware.Linux.Platform;

/// <summary>What board this is, as the device tree says.</summary>
/// <param name="Family">The recognised family.</param>
/// <param name="Model">The device tree's model string (empty when there is none).</param>
/// <param name="Compatible">The device tree's compatible strings, most specific first.</param>
public sealed record LinuxPlatform(BoardFamily Family, string Model, IReadOnlyList<string> Compatible)
{
    /// <summary>True for any Raspberry Pi.</summary>
    public bool IsRaspberryPi => Family is BoardFamily.RaspberryPi4 or BoardFamily.RaspberryPi5 or BoardFamily.RaspberryPiOther;

    /// <summary>True for any NVIDIA Jetson.</summary>
    public bool IsJetson => Family is BoardFamily.JetsonNano or BoardFamily.JetsonXavierNx or BoardFamily.JetsonAgxXavier
        or BoardFamily.JetsonOrinNano or BoardFamily.JetsonOrinNx or BoardFamily.JetsonAgxOrin or BoardFamily.JetsonOther;

    /// <inheritdoc />
    public override string ToString() => Model.Length == 0 ? Family.ToString() : $"{Model} ({Family})";
}
