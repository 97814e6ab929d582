using System.CommandLine;
using System.Net;
using DynaSplit.DependencyInjection;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace DynaSplit.Cli.Commands;

/// <summary>
/// `serve MODEL [--host H] [--port P] [--http-port P] [--api-key K] [--max-concurrency N] [--max-queue N] ...`: runs
/// the cloud tier, serving the model's tails over the Open Inference Protocol: gRPC (HTTP/2) on --port, REST v2 on
/// --http-port, like Triton's 8001 and 8000. Stops on Ctrl+C or SIGTERM after draining the requests in flight.
/// </summary>
internal static class ServeCommand
{
    public static Command Create()
    {
        var model = OnnxCommandSupport.ModelArgument();
        var host = new Option<string>("--host") { HelpName = "ADDRESS", Description = "The address to listen on (0.0.0.0 for every interface).", DefaultValueFactory = _ => "127.0.0.1" };
        var port = new Option<int>("--port") { HelpName = "PORT", Description = "The gRPC port (0 picks a free one).", DefaultValueFactory = _ => 8001 };
        var httpPort = new Option<int>("--http-port") { HelpName = "PORT", Description = "The REST v2 port (0 picks a free one; -1 for none).", DefaultValueFactory = _ => 8000 };
        var name = new Option<string?>("--name") { HelpName = "NAME", Description = "The model's served name (default: the file name)." };
        var apiKey = new Option<string?>("--api-key") { HelpName = "KEY", Description = "An API key clients must send (default: $DYNASPLIT_API_KEY, else none)." };
        var maxConcurrency = new Option<int>("--max-concurrency") { HelpName = "N", Description = "Requests computing at once.", DefaultValueFactory = _ => Environment.ProcessorCount };
        var maxQueue = new Option<int>("--max-queue") { HelpName = "N", Description = "Requests waiting; more get RESOURCE_EXHAUSTED (HTTP 429).", DefaultValueFactory = _ => 64 };
        var maxMessage = new Option<int>("--max-message-mb") { HelpName = "MIB", Description = "The largest request or response, MiB.", DefaultValueFactory = _ => 64 };
        var provider = new Option<string?>("--provider") { HelpName = "EP", Description = "The execution provider when a request names none (CPU, CUDA, ...)." };
        var threads = new Option<int?>("--threads") { HelpName = "N", Description = "Intra-op threads when a request names none (0: the runtime chooses)." };
        var warm = new Option<int[]>("--warm") { HelpName = "CUT", Description = "Cut points whose tails are loaded at start (repeatable).", Arity = ArgumentArity.ZeroOrMore };
        var idleWatts = new Option<double?>("--idle-watts") { HelpName = "W", Description = "With --active-watts: report per-request energy estimated from CPU time (labelled estimated)." };
        var activeWatts = new Option<double?>("--active-watts") { HelpName = "W", Description = "Extra power with every core busy, W." };
        var certificate = new Option<string?>("--certificate") { HelpName = "FILE", Description = "A PFX certificate: serve over TLS (https)." };
        var certificatePassword = new Option<string?>("--certificate-password") { HelpName = "PASSWORD", Description = "The certificate's password (default: $DYNASPLIT_CERTIFICATE_PASSWORD)." };
        var dims = OnnxCommandSupport.DimOption();
        var command = new Command("serve", """
            Run the cloud tier: serve the model's tails (one served model per cut, NAME.k-LAST) over the Open Inference Protocol, gRPC and REST v2.

            Example: dynasplit serve model.onnx --host 0.0.0.0 --port 8001 --idle-watts 20 --active-watts 80
            """);
        command.Arguments.Add(model);
        foreach (var option in new Option[] { host, port, httpPort, name, apiKey, maxConcurrency, maxQueue, maxMessage, provider, threads, warm, idleWatts, activeWatts, certificate, certificatePassword, dims })
        {
            command.Options.Add(option);
        }

        command.SetAction(async (parseResult, cancellationToken) =>
        {
            try
            {
                var address = IPAddress.TryParse(parseResult.GetValue(host), out var parsed)
                    ? parsed
                    : throw new ArgumentException($"--host '{parseResult.GetValue(host)}' is not an IP address (use 127.0.0.1, 0.0.0.0 or ::).");
                var certificatePath = parseResult.GetValue(certificate);
                var password = parseResult.GetValue(certificatePassword) ?? Environment.GetEnvironmentVariable("DYNASPLIT_CERTIFICATE_PASSWORD");
                var builder = WebApplication.CreateSlimBuilder();
                builder.Logging.ClearProviders();
                builder.Logging.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace).SetMinimumLevel(LogLevel.Warning);
                builder.Logging.AddFilter("DynaSplit", LogLevel.Information);
                builder.Host.ConfigureHostOptions(o => o.ShutdownTimeout = TimeSpan.FromSeconds(30));
                builder.WebHost.ConfigureKestrel(kestrel =>
                {
                    kestrel.Limits.MaxRequestBodySize = parseResult.GetValue(maxMessage) * 1024L * 1024;
                    kestrel.Listen(address, parseResult.GetValue(port), listen =>
                    {
                        listen.Protocols = HttpProtocols.Http2;
                        if (certificatePath is not null)
                        {
                            listen.UseHttps(certificatePath, password);
                        }
                    });
                    if (parseResult.GetValue(httpPort) >= 0)
                    {
                        kestrel.Listen(address, parseResult.GetValue(httpPort), listen =>
                        {
                            // HTTP/2 needs TLS (ALPN) on a port shared with HTTP/1.1; without TLS, REST speaks HTTP/1.1.
                            listen.Protocols = certificatePath is null ? HttpProtocols.Http1 : HttpProtocols.Http1AndHttp2;
                            if (certificatePath is not null)
                            {
                                listen.UseHttps(certificatePath, password);
                            }
                        });
                    }
                });
                builder.Services.AddDynaSplitServing(o =>
                {
                    o.ModelPath = Path.GetFullPath(parseResult.GetValue(model)!);
                    o.ModelName = parseResult.GetValue(name);
                    o.ApiKey = parseResult.GetValue(apiKey) ?? Environment.GetEnvironmentVariable("DYNASPLIT_API_KEY");
                    o.MaxConcurrency = parseResult.GetValue(maxConcurrency);
                    o.MaxQueue = parseResult.GetValue(maxQueue);
                    o.MaxMessageBytes = checked(parseResult.GetValue(maxMessage) * 1024 * 1024);
                    o.DefaultExecutionProvider = parseResult.GetValue(provider);
                    o.DefaultThreads = parseResult.GetValue(threads);
                    o.WarmCuts = parseResult.GetValue(warm) ?? [];
                    o.Dimensions = OnnxCommandSupport.ParseDimensions(parseResult.GetValue(dims));
                });
                if (parseResult.GetValue(idleWatts) is { } idle && parseResult.GetValue(activeWatts) is { } active)
                {
                    builder.Services.AddDynaSplit().AddEstimatedEnergyMeter(o =>
                    {
                        o.IdleWatts = idle;
                        o.ActiveWatts = active;
                    });
                }

                await using var app = builder.Build();
                app.MapOpenInference();
                await app.StartAsync(cancellationToken).ConfigureAwait(false);
                var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.ToArray();
                // The first address is gRPC's, the second REST's (the order they were listened on). Tests read this line.
                Console.WriteLine($"serving {Path.GetFileName(parseResult.GetValue(model))}: grpc {addresses[0]}{(addresses.Length > 1 ? $" rest {addresses[1]}" : string.Empty)}");
                await app.WaitForShutdownAsync(cancellationToken).ConfigureAwait(false);
                return 0;
            }
            catch (Exception ex) when (ex is ArgumentException or FileNotFoundException or InvalidDataException or IOException or Microsoft.Extensions.Options.OptionsValidationException or InvalidOperationException)
            {
                await Console.Error.WriteLineAsync($"dynasplit serve: {ex.Message}").ConfigureAwait(false);
                return 2;
            }
        });
        return command;
    }
}
