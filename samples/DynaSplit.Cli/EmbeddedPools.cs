using DynaSplit.Simulation.Replay;

namespace DynaSplit.Cli;

/// <summary>The measurement pools shipped inside the CLI (see Data/README.md for provenance).</summary>
internal static class EmbeddedPools
{
    public const string Vgg16Name = "embedded:simulation_pool_vgg16.csv";

    /// <summary>The paper's VGG16 QoS bounds (ms): thresholds are rescaled to this range.</summary>
    public const double Vgg16QosMinMs = 90.6;

    /// <summary>The upper QoS bound (ms).</summary>
    public const double Vgg16QosMaxMs = 5026.8;

    public static MeasurementPool LoadVgg16()
    {
        using var stream = typeof(EmbeddedPools).Assembly.GetManifestResourceStream("DynaSplit.Cli.Data.simulation_pool_vgg16.csv")
            ?? throw new InvalidOperationException("The embedded VGG16 pool is missing from this build of the CLI.");
        using var reader = new StreamReader(stream);
        return MeasurementPoolCsv.Read(reader, Vgg16Name);
    }

    public static MeasurementPool Load(string? path) => path is null ? LoadVgg16() : MeasurementPoolCsv.Load(path);
}
