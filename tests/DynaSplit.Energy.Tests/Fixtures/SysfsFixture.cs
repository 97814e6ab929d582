namespace DynaSplit.Energy.Tests.Fixtures;

/// <summary>A sysfs tree in a temporary directory, in the layouts the kernel documents.</summary>
internal sealed class SysfsFixture : IDisposable
{
    public SysfsFixture()
    {
        Root = Path.Combine(Path.GetTempPath(), "dynasplit-energy-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Root);
    }

    public string Root { get; }

    /// <summary>Writes a file atomically (temp file then rename), as a sysfs attribute changes between two reads.</summary>
    public void Write(string relativePath, string content)
    {
        var path = Path.Combine(Root, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temp = path + ".tmp";
        File.WriteAllText(temp, content + "\n");
        File.Move(temp, path, overwrite: true);
    }

    public string Path_(string relativePath) => Path.Combine(Root, relativePath);

    /// <summary>An INA226 on i2c-1 0x40 through hwmon ina2xx (Documentation/hwmon/ina2xx.rst).</summary>
    public string AddIna226(string hwmon = "hwmon0", long powerMicrowatts = 4_500_000, int updateIntervalMs = 2)
    {
        var device = Path.Combine(Root, "devices", "platform", "i2c-1", "1-0040");
        Directory.CreateDirectory(device);
        var dir = $"class/hwmon/{hwmon}";
        Write($"{dir}/name", "ina226");
        Write($"{dir}/in0_input", "9");
        Write($"{dir}/in1_input", "12000");
        Write($"{dir}/curr1_input", "375");
        Write($"{dir}/power1_input", powerMicrowatts.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Write($"{dir}/shunt_resistor", "10000");
        Write($"{dir}/update_interval", updateIntervalMs.ToString(System.Globalization.CultureInfo.InvariantCulture));
        File.CreateSymbolicLink(Path.Combine(Root, dir, "device"), device);
        return Path.Combine(Root, dir);
    }

    /// <summary>A Jetson Orin INA3221 through hwmon ina3221 (Documentation/hwmon/ina3221.rst).</summary>
    public string AddOrinIna3221(string hwmon = "hwmon1")
    {
        var dir = $"class/hwmon/{hwmon}";
        Write($"{dir}/name", "ina3221");
        string[] labels = ["VDD_IN", "VDD_CPU_GPU_CV", "VDD_SOC"];
        int[] millivolts = [5000, 5000, 5000];
        int[] milliamps = [1200, 400, 300];
        for (var n = 1; n <= 3; n++)
        {
            Write($"{dir}/in{n}_label", labels[n - 1]);
            Write($"{dir}/in{n}_enable", "1");
            Write($"{dir}/in{n}_input", millivolts[n - 1].ToString(System.Globalization.CultureInfo.InvariantCulture));
            Write($"{dir}/curr{n}_input", milliamps[n - 1].ToString(System.Globalization.CultureInfo.InvariantCulture));
            Write($"{dir}/shunt{n}_resistor", "5000");
            Write($"{dir}/in{n + 3}_input", "6000");
        }

        Write($"{dir}/samples", "512");
        Write($"{dir}/update_interval", "5");
        return Path.Combine(Root, dir);
    }

    /// <summary>A Jetson Nano INA3221 through the L4T 32 iio ina3221x driver.</summary>
    public string AddNanoIna3221x(string iio = "iio:device0")
    {
        var dir = $"bus/iio/devices/{iio}";
        Write($"{dir}/name", "ina3221x");
        string[] rails = ["POM_5V_IN", "POM_5V_GPU", "POM_5V_CPU"];
        int[] milliwatts = [3300, 400, 900];
        for (var n = 0; n < 3; n++)
        {
            Write($"{dir}/rail_name_{n}", rails[n]);
            Write($"{dir}/in_power{n}_input", milliwatts[n].ToString(System.Globalization.CultureInfo.InvariantCulture));
            Write($"{dir}/in_voltage{n}_input", "5000");
            Write($"{dir}/in_current{n}_input", (milliwatts[n] / 5).ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        return Path.Combine(Root, dir);
    }

    /// <summary>A two-socket RAPL tree (Documentation/power/powercap/powercap.rst).</summary>
    public void AddRapl(long maxRange = 262_143_328_850)
    {
        Write("class/powercap/intel-rapl/enabled", "1");
        void Zone(string id, string name, long energy)
        {
            Write($"class/powercap/{id}/name", name);
            Write($"class/powercap/{id}/energy_uj", energy.ToString(System.Globalization.CultureInfo.InvariantCulture));
            Write($"class/powercap/{id}/max_energy_range_uj", maxRange.ToString(System.Globalization.CultureInfo.InvariantCulture));
            Write($"class/powercap/{id}/enabled", "1");
        }

        Zone("intel-rapl:0", "package-0", 1_000_000);
        Zone("intel-rapl:0:0", "core", 500_000);
        Zone("intel-rapl:0:1", "dram", 200_000);
        Zone("intel-rapl:1", "package-1", 2_000_000);
        Zone("intel-rapl:1:0", "core", 700_000);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
