namespace DynaSplit.Spaces;

/// <summary>
/// The DynaSplit paper's configuration space: split index x edge CPU frequency x edge accelerator mode x
/// cloud accelerator, with its two rules: the edge accelerator is off when everything runs in the cloud
/// (split 0), and the cloud accelerator is off when everything runs on the edge (the last split index).
/// </summary>
public static class SplitComputingSpace
{
    /// <summary>The paper's column name of the split index.</summary>
    public const string SplitParameter = "layer";

    /// <summary>The paper's column name of the edge CPU frequency (MHz).</summary>
    public const string CpuFrequencyParameter = "cpu-freq";

    /// <summary>The paper's column name of the edge accelerator mode.</summary>
    public const string EdgeAcceleratorParameter = "edge-accelerator";

    /// <summary>The paper's column name of the cloud accelerator switch.</summary>
    public const string CloudAcceleratorParameter = "server-accelerator";

    /// <summary>Builds the space.</summary>
    /// <param name="edgeOnlyIndex">The last split index (everything on the edge): 22 for the paper's VGG16.</param>
    /// <param name="cpuFrequenciesMhz">The edge CPU frequencies.</param>
    /// <param name="edgeAcceleratorModes">The edge accelerator modes; the first means off (for example off, std, max).</param>
    /// <param name="cloudAcceleratorModes">The cloud accelerator choices; the first means off (for example False, True).</param>
    public static ConfigurationSpace Create(
        int edgeOnlyIndex,
        IEnumerable<double> cpuFrequenciesMhz,
        IReadOnlyList<string> edgeAcceleratorModes,
        IReadOnlyList<string> cloudAcceleratorModes)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(edgeOnlyIndex, 1);
        ArgumentNullException.ThrowIfNull(edgeAcceleratorModes);
        ArgumentNullException.ThrowIfNull(cloudAcceleratorModes);
        return new ConfigurationSpace(
            [
                new OrdinalParameter(CpuFrequencyParameter, cpuFrequenciesMhz, ParameterRole.EdgeCpuFrequency, "MHz"),
                new IntegerParameter(SplitParameter, 0, edgeOnlyIndex, 1, ParameterRole.SplitPoint),
                new CategoricalParameter(EdgeAcceleratorParameter, edgeAcceleratorModes, ParameterRole.EdgeAccelerator),
                new CategoricalParameter(CloudAcceleratorParameter, cloudAcceleratorModes, ParameterRole.CloudAccelerator),
            ],
            [
                new ImplicationRule(SplitParameter, "0", EdgeAcceleratorParameter, edgeAcceleratorModes[0]),
                new ImplicationRule(SplitParameter, edgeOnlyIndex.ToString(System.Globalization.CultureInfo.InvariantCulture), CloudAcceleratorParameter, cloudAcceleratorModes[0]),
            ]);
    }

    /// <summary>The paper's VGG16 space: 7 frequencies (600..1800 MHz) x 23 split indices x {off, std, max} x {False, True}: 917 valid configurations.</summary>
    public static ConfigurationSpace PaperVgg16() =>
        Create(22, [600, 800, 1000, 1200, 1400, 1600, 1800], ["off", "std", "max"], ["False", "True"]);
}
