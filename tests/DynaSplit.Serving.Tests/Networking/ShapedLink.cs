using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace DynaSplit.Serving.Tests.Networking;

/// <summary>
/// A real, rate-limited network link for tests and benchmarks: a network namespace of its own, joined to this one by a
/// veth pair with addresses on a private /30, both directions shaped by a token bucket filter (<c>tc qdisc ... tbf</c>;
/// netem is not available on the machines this runs on). A server started inside the namespace
/// (<see cref="Wrap"/>, <c>ip netns exec</c>) is reached from this process at <see cref="InsideAddress"/>, and every
/// byte crosses the shaper. Disposing removes the namespace and both ends of the pair, also when the test failed.
/// </summary>
/// <remarks>
/// <para>
/// Shaping (the same on both directions): <c>tbf rate R burst 32kb latency 50ms</c>. The burst (the bucket) must hold at
/// least one packet and what the rate earns per timer tick (R / HZ: 12.5 kB at 100 Mbit/s with HZ = 1000), or the
/// shaper cannot reach its rate; 32 KiB is that with room, and small against the transfers measured (1 MB and more),
/// so the credit a transfer starts with (5 ms of line time at 50 Mbit/s) hardly shortens it. The latency bounds the
/// queue to R x 50 ms + burst (a home router's buffer): TCP fills it and backs off, as on a real bottleneck, instead of
/// queueing seconds of data. TCP reaches about 95% of R through this shaper (headers count against the rate).
/// </para>
/// <para>
/// Needs root (CAP_NET_ADMIN) and iproute2's <c>ip</c> and <c>tc</c>; <see cref="Create"/> throws
/// <see cref="ShapedLinkUnavailableException"/> saying what is missing, so a test can be ignored rather than fail
/// where the machine cannot do this. Names are unique per process and link, so links of concurrent runs do not clash.
/// </para>
/// </remarks>
internal sealed class ShapedLink : DynaSplit.Tests.IServerNetwork, IDisposable
{
    /// <summary>The shaper's bucket, as tc writes it.</summary>
    public const string Burst = "32kb";

    /// <summary>The shaper's queue bound, as tc writes it.</summary>
    public const string Latency = "50ms";

    private const int CloneNewNet = 0x40000000;
    private static int s_sequence;
    private readonly string _hostInterface;
    private readonly string _insideInterface;
    private bool _disposed;

    private ShapedLink(string name, string hostInterface, string insideInterface, IPAddress host, IPAddress inside, double rateMbit)
    {
        Namespace = name;
        _hostInterface = hostInterface;
        _insideInterface = insideInterface;
        HostAddress = host;
        InsideAddress = inside;
        RateMbit = rateMbit;
    }

    /// <summary>The network namespace's name (<c>ip netns</c>).</summary>
    public string Namespace { get; }

    /// <summary>The names of the veth pair's two ends (this side's, the namespace's).</summary>
    public (string Host, string Inside) Interfaces => (_hostInterface, _insideInterface);

    /// <summary>This side's address on the link.</summary>
    public IPAddress HostAddress { get; }

    /// <summary>The namespace's address on the link: where a server started inside listens.</summary>
    public IPAddress InsideAddress { get; }

    /// <summary>The shaped rate now, Mbit/s (both directions).</summary>
    public double RateMbit { get; private set; }

    /// <summary>Why a shaped link cannot be created here, or null when it can be tried (root, <c>ip</c> and <c>tc</c> present).</summary>
    public static string? Unavailable()
    {
        if (!OperatingSystem.IsLinux())
        {
            return "a shaped link needs Linux network namespaces";
        }

        if (!Environment.IsPrivilegedProcess)
        {
            return "a shaped link needs root (CAP_NET_ADMIN) to create a network namespace, a veth pair and tbf qdiscs; run the tests as root (CI does)";
        }

        foreach (var tool in new[] { "ip", "tc" })
        {
            if (FindTool(tool) is null)
            {
                return $"a shaped link needs iproute2's '{tool}' on the PATH (apt-get install iproute2)";
            }
        }

        return null;
    }

    /// <summary>Creates a link shaped to <paramref name="rateMbit"/> Mbit/s in both directions.</summary>
    /// <exception cref="ShapedLinkUnavailableException">Not root, iproute2 missing, or the kernel refused a step (the message says which).</exception>
    public static ShapedLink Create(double rateMbit)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(rateMbit);
        if (Unavailable() is { } reason)
        {
            throw new ShapedLinkUnavailableException(reason);
        }

        var id = (Environment.ProcessId % 100_000).ToString(CultureInfo.InvariantCulture) + "x" + Interlocked.Increment(ref s_sequence).ToString(CultureInfo.InvariantCulture);
        var name = "dynasplit-" + id;
        // Interface names have at most 15 characters.
        var hostInterface = "dsh" + id;
        var insideInterface = "dsn" + id;
        var (host, inside) = FreeSubnet();
        var link = new ShapedLink(name, hostInterface, insideInterface, host, inside, rateMbit);
        try
        {
            link.Ip("netns", "add", name);
            link.Ip("link", "add", hostInterface, "type", "veth", "peer", "name", insideInterface);
            link.Ip("link", "set", insideInterface, "netns", name);
            link.Ip("addr", "add", host + "/30", "dev", hostInterface);
            link.Ip("link", "set", hostInterface, "up");
            link.Ip("netns", "exec", name, "ip", "addr", "add", inside + "/30", "dev", insideInterface);
            link.Ip("netns", "exec", name, "ip", "link", "set", insideInterface, "up");
            link.Ip("netns", "exec", name, "ip", "link", "set", "lo", "up");
            link.Shape("add", rateMbit);
            return link;
        }
        catch (Exception ex)
        {
            link.Dispose();
            if (ex is ShapedLinkUnavailableException)
            {
                throw;
            }

            throw new ShapedLinkUnavailableException($"could not create the shaped link {name}: {ex.Message}", ex);
        }
    }

    /// <summary>Changes the rate of both directions (<c>tc qdisc change ... tbf rate</c>); traffic in flight continues at the new rate.</summary>
    public async Task ChangeRateAsync(double rateMbit, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(rateMbit);
        ObjectDisposedException.ThrowIf(_disposed, this);
        await Task.Run(() => Shape("change", rateMbit), cancellationToken).ConfigureAwait(false);
        RateMbit = rateMbit;
    }

    /// <summary>The qdisc lines of both ends as tc shows them (for messages).</summary>
    public string Describe() =>
        Run("tc", ["qdisc", "show", "dev", _hostInterface]).Trim() + " | " + Run("ip", ["netns", "exec", Namespace, "tc", "qdisc", "show", "dev", _insideInterface]).Trim();

    /// <summary>A start description that runs <paramref name="start"/>'s program inside the namespace (<c>ip netns exec</c>).</summary>
    public ProcessStartInfo Wrap(ProcessStartInfo start)
    {
        ArgumentNullException.ThrowIfNull(start);
        var wrapped = new ProcessStartInfo(FindTool("ip")!)
        {
            RedirectStandardOutput = start.RedirectStandardOutput,
            RedirectStandardError = start.RedirectStandardError,
            RedirectStandardInput = start.RedirectStandardInput,
            UseShellExecute = false,
            WorkingDirectory = start.WorkingDirectory,
        };
        foreach (var argument in new[] { "netns", "exec", Namespace, start.FileName }.Concat(start.ArgumentList))
        {
            wrapped.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in start.Environment)
        {
            wrapped.Environment[key] = value;
        }

        return wrapped;
    }

    /// <summary>
    /// A TCP socket listening inside the namespace on <see cref="InsideAddress"/> (a free port), created by this
    /// process: a thread enters the namespace (setns), creates and binds the socket, and returns; the socket stays in
    /// the namespace and can be used from any thread.
    /// </summary>
    public Socket ListenInside()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        Socket? socket = null;
        Exception? error = null;
        var thread = new Thread(() =>
        {
            try
            {
                using var original = File.OpenHandle("/proc/thread-self/ns/net");
                using var target = File.OpenHandle(Path.Combine("/run/netns", Namespace));
                if (SetNamespace(target.DangerousGetHandle().ToInt32(), CloneNewNet) != 0)
                {
                    error = new InvalidOperationException($"setns into {Namespace} failed: errno {Marshal.GetLastPInvokeError()}.");
                    return;
                }

                try
                {
                    socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                    socket.Bind(new IPEndPoint(InsideAddress, 0));
                    socket.Listen(4);
                }
                finally
                {
                    // The thread ends right after this; restoring keeps it harmless even if the runtime reused it.
                    if (SetNamespace(original.DangerousGetHandle().ToInt32(), CloneNewNet) != 0)
                    {
                        error ??= new InvalidOperationException($"setns back from {Namespace} failed: errno {Marshal.GetLastPInvokeError()}.");
                    }
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or SocketException)
            {
                error = ex;
            }
        })
        { IsBackground = true, Name = "shaped-link setns" };
        thread.Start();
        thread.Join();
        if (error is not null)
        {
            socket?.Dispose();
            throw new InvalidOperationException($"Could not listen inside {Namespace}: {error.Message}", error);
        }

        return socket!;
    }

    /// <summary>Removes the namespace (which removes the veth pair) and whatever is left of it; never throws.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        // Processes left in the namespace (a server a failed test did not stop) would keep it alive: end them first.
        // They can only be ours: the namespace's name is unique to this process.
        TryRun("ip", ["netns", "pids", Namespace], out var pids);
        foreach (var line in pids.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (int.TryParse(line, NumberStyles.Integer, CultureInfo.InvariantCulture, out var pid) && pid != Environment.ProcessId)
            {
                try
                {
                    using var process = Process.GetProcessById(pid);
                    process.Kill(entireProcessTree: true);
                    process.WaitForExit(5_000);
                }
                catch (Exception ex) when (ex is ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception)
                {
                    // Already gone.
                }
            }
        }

        TryRun("ip", ["netns", "delete", Namespace], out _);
        // The pair goes with the namespace; if the namespace was never created, the host end may still exist.
        TryRun("ip", ["link", "delete", _hostInterface], out _);
    }

    /// <summary>The namespaces and links there are now (<c>ip netns list</c>, <c>ip -o link</c>), for before/after checks.</summary>
    public static string Snapshot()
    {
        TryRun("ip", ["netns", "list"], out var namespaces);
        TryRun("ip", ["-o", "link", "show"], out var links);
        // Counters and states change; names do not.
        var names = links.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split(':', 3)[1].Trim()).Order(StringComparer.Ordinal);
        return "netns: " + string.Join(",", namespaces.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split(' ')[0]).Order(StringComparer.Ordinal)) + "; links: " + string.Join(",", names);
    }

    private void Shape(string verb, double rateMbit)
    {
        var rate = rateMbit.ToString("0.###", CultureInfo.InvariantCulture) + "mbit";
        Run("tc", ["qdisc", verb, "dev", _hostInterface, "root", "tbf", "rate", rate, "burst", Burst, "latency", Latency]);
        Run("ip", ["netns", "exec", Namespace, "tc", "qdisc", verb, "dev", _insideInterface, "root", "tbf", "rate", rate, "burst", Burst, "latency", Latency]);
    }

    private void Ip(params string[] arguments) => Run("ip", arguments);

    /// <summary>A /30 in 10.213.0.0/16 that no interface here uses: host .1, namespace .2.</summary>
    private static (IPAddress Host, IPAddress Inside) FreeSubnet()
    {
        TryRun("ip", ["-o", "-4", "addr", "show"], out var used);
        var start = (Environment.ProcessId * 7 + Interlocked.Increment(ref s_sequence)) % 16_384;
        for (var i = 0; i < 16_384; i++)
        {
            var block = (start + i) % 16_384;
            var third = block / 64;
            var fourth = block % 64 * 4;
            var prefix = string.Create(CultureInfo.InvariantCulture, $"10.213.{third}.");
            if (!used.Contains(prefix + (fourth + 1).ToString(CultureInfo.InvariantCulture) + "/", StringComparison.Ordinal)
                && !used.Contains(prefix + (fourth + 2).ToString(CultureInfo.InvariantCulture) + "/", StringComparison.Ordinal))
            {
                return (IPAddress.Parse(prefix + (fourth + 1).ToString(CultureInfo.InvariantCulture)), IPAddress.Parse(prefix + (fourth + 2).ToString(CultureInfo.InvariantCulture)));
            }
        }

        throw new ShapedLinkUnavailableException("no free /30 in 10.213.0.0/16 for a shaped link");
    }

    private static string Run(string tool, IReadOnlyList<string> arguments)
    {
        if (!TryRun(tool, arguments, out var output, out var error, out var code))
        {
            throw new InvalidOperationException($"'{tool} {string.Join(' ', arguments)}' failed (exit {code}): {error.Trim()}");
        }

        return output;
    }

    private static bool TryRun(string tool, IReadOnlyList<string> arguments, out string output) => TryRun(tool, arguments, out output, out _, out _);

    private static bool TryRun(string tool, IReadOnlyList<string> arguments, out string output, out string error, out int code)
    {
        output = string.Empty;
        error = string.Empty;
        code = -1;
        var path = FindTool(tool);
        if (path is null)
        {
            error = $"{tool} not found";
            return false;
        }

        var start = new ProcessStartInfo(path) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start);
        if (process is null)
        {
            return false;
        }

        var stderr = process.StandardError.ReadToEndAsync();
        output = process.StandardOutput.ReadToEnd();
        if (!process.WaitForExit(30_000))
        {
            process.Kill();
            error = "timed out after 30 s";
            return false;
        }

        error = stderr.Result;
        code = process.ExitCode;
        return code == 0;
    }

    private static string? FindTool(string tool)
    {
        var directories = (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(':', StringSplitOptions.RemoveEmptyEntries).Concat(["/usr/sbin", "/sbin", "/usr/bin", "/bin"]);
        return directories.Select(d => Path.Combine(d, tool)).FirstOrDefault(File.Exists);
    }

    [DllImport("libc", EntryPoint = "setns", SetLastError = true)]
    private static extern int SetNamespace(int fd, int type);
}

/// <summary>A shaped link cannot be created on this machine; the message says why.</summary>
internal sealed class ShapedLinkUnavailableException : Exception
{
    public ShapedLinkUnavailableException(string message)
        : base(message)
    {
    }

    public ShapedLinkUnavailableException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
