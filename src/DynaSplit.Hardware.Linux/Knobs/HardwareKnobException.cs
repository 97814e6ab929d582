namespace DynaSplit.Hardware.Linux.Knobs;

/// <summary>A knob wrote a value but the device did not take it (read back differs, or it did not settle in time).</summary>
public sealed class HardwareKnobException : InvalidOperationException
{
    /// <summary>Creates the exception.</summary>
    public HardwareKnobException(string knobName, string path, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        KnobName = knobName;
        Path = path;
    }

    /// <summary>The knob.</summary>
    public string KnobName { get; }

    /// <summary>The file (or tool) involved.</summary>
    public string Path { get; }
}
