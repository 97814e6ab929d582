using System.Diagnostics;
using System.Net;

namespace DynaSplit.Tests;

/// <summary>
/// Where a test server process (ServerProcess) runs when not on this host's loopback: a network the test created (a namespace
/// behind a shaped link), entered by wrapping the server's start, and the address the server listens on there.
/// </summary>
internal interface IServerNetwork
{
    /// <summary>The address the server listens on, reachable from the test process.</summary>
    IPAddress InsideAddress { get; }

    /// <summary>A start description that runs <paramref name="start"/>'s program inside the network.</summary>
    ProcessStartInfo Wrap(ProcessStartInfo start);
}
