using System.Diagnostics;
using System.Reflection;
using System.Text.RegularExpressions;

namespace DynaSplit.Tests;

/// <summary>
/// A `dynasplit serve` process on loopback: started by the test, killed (whole tree) when disposed, even if the test
/// failed. <see cref="Kill"/> and <see cref="Restart"/> exercise the edge's fallback; a restart keeps the ports.
/// One copy, linked into each test project that starts the server (the project defines the assembly metadata
/// <c>CliPath</c>, the built dynasplit.dll).
/// </summary>
internal sealed partial class ServerProcess : IDisposable
{
    private readonly string[] _arguments;
    private readonly string _modelPath;
    private readonly IServerNetwork? _link;
    private readonly IReadOnlyDictionary<string, string> _environment;
    private readonly System.Text.StringBuilder _log = new();
    private Process? _process;

    private ServerProcess(string modelPath, IServerNetwork? link, IReadOnlyDictionary<string, string> environment, string[] arguments)
    {
        _modelPath = modelPath;
        _link = link;
        _environment = environment;
        _arguments = arguments;
    }

    public static string ModelPath => Path.Combine(TestContext.CurrentContext.TestDirectory, "Models", "squeezenet1_1.onnx");

    public Uri Grpc { get; private set; } = null!;

    public Uri Rest { get; private set; } = null!;

    /// <summary>What the server wrote to standard error so far (its log).</summary>
    public string Log
    {
        get
        {
            lock (_log)
            {
                return _log.ToString();
            }
        }
    }

    public static ServerProcess Start(params string[] extra) => Start(ModelPath, null, extra);

    /// <summary>
    /// Starts `dynasplit serve <paramref name="modelPath"/>`; with a <paramref name="link"/>, inside its network
    /// namespace (<c>ip netns exec</c>), listening on the namespace's address, so every byte crosses the shaped link.
    /// </summary>
    public static ServerProcess Start(string modelPath, IServerNetwork? link, params string[] extra) => Start(modelPath, link, new Dictionary<string, string>(), extra);

    /// <summary>
    /// Starts `dynasplit serve <paramref name="modelPath"/>` with <paramref name="environment"/> added to its
    /// environment (configuration such as <c>Logging__LogLevel__CATEGORY</c>).
    /// </summary>
    public static ServerProcess Start(string modelPath, IServerNetwork? link, IReadOnlyDictionary<string, string> environment, params string[] extra)
    {
        var server = new ServerProcess(modelPath, link, environment, extra);
        try
        {
            server.Launch(0, 0);
            return server;
        }
        catch
        {
            server.Dispose();
            throw;
        }
    }

    /// <summary>Kills the server at once (no drain), as a crash would.</summary>
    public void Kill()
    {
        if (_process is { HasExited: false } process)
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit(10_000);
        }

        _process?.Dispose();
        _process = null;
    }

    /// <summary>Starts the server again on the same ports.</summary>
    public void Restart()
    {
        Kill();
        Launch(Grpc.Port, Rest.Port);
    }

    /// <summary>Asks the server to stop (SIGTERM), as an orchestrator would, and waits for it to drain and exit.</summary>
    public int Terminate(TimeSpan timeout)
    {
        var process = _process ?? throw new InvalidOperationException("The server is not running.");
        using (var kill = Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            kill.WaitForExit();
        }

        if (!process.WaitForExit(timeout))
        {
            Assert.Fail($"The server did not exit within {timeout} of SIGTERM.");
        }

        return process.ExitCode;
    }

    /// <summary>
    /// Waits until the server's readiness endpoint (REST <c>/v2/health/ready</c>) answers 200, polling it; fails the
    /// test when it does not within <paramref name="timeout"/>.
    /// </summary>
    public void WaitUntilReady(TimeSpan timeout)
    {
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var ready = new Uri(Rest, "/v2/health/ready");
        var waited = Stopwatch.StartNew();
        var last = "no answer";
        while (waited.Elapsed < timeout)
        {
            try
            {
                using var response = client.GetAsync(ready).GetAwaiter().GetResult();
                if (response.IsSuccessStatusCode)
                {
                    return;
                }

                last = $"HTTP {(int)response.StatusCode}";
            }
            catch (HttpRequestException ex)
            {
                last = ex.Message;
            }

            Thread.Sleep(50);
        }

        Assert.Fail($"dynasplit serve was not ready at {ready} within {timeout} (last: {last}); its log: {Log}");
    }

    public void Dispose() => Kill();

    private void Launch(int grpcPort, int restPort)
    {
        var cli = typeof(ServerProcess).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "CliPath").Value!;
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        string[] host = _link is null ? [] : ["--host", _link.InsideAddress.ToString()];
        foreach (var argument in new[] { cli, "serve", _modelPath, "--port", grpcPort.ToString(System.Globalization.CultureInfo.InvariantCulture), "--http-port", restPort.ToString(System.Globalization.CultureInfo.InvariantCulture) }.Concat(host).Concat(_arguments))
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in _environment)
        {
            start.Environment[name] = value;
        }

        if (_link is not null)
        {
            start = _link.Wrap(start);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
        _process = process;
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                lock (_log)
                {
                    _log.AppendLine(e.Data);
                }
            }
        };
        process.BeginErrorReadLine();
        var line = process.StandardOutput.ReadLineAsync();
        if (!line.Wait(TimeSpan.FromSeconds(60)) || line.Result is null)
        {
            Kill();
            lock (_log)
            {
                Assert.Fail($"dynasplit serve did not report its addresses: {_log}");
            }
        }

        var match = Addresses().Match(line.Result!);
        if (!match.Success)
        {
            Kill();
            Assert.Fail($"Unexpected first line from dynasplit serve: {line.Result}");
        }

        Grpc = new Uri(match.Groups[1].Value);
        Rest = new Uri(match.Groups[2].Value);
        // Keep draining stdout so the server never blocks on a full pipe.
        _ = process.StandardOutput.ReadToEndAsync();
    }

    [GeneratedRegex(@"grpc (\S+) rest (\S+)")]
    private static partial Regex Addresses();
}
