namespace DynaSplit.Hardware.Linux.Sysfs;

/// <summary>
/// Access to a sysfs tree (or a recorded copy of one). Paths are relative to <see cref="Root"/> and use '/'
/// (for example <c>devices/system/cpu/cpufreq/policy0/scaling_governor</c>). Sysfs attributes are small kernel
/// buffers read and written in one call, so the interface is synchronous.
/// </summary>
public interface ISysfs
{
    /// <summary>The directory that stands for <c>/sys</c>.</summary>
    string Root { get; }

    /// <summary>The path on the host of <paramref name="path"/>, for messages.</summary>
    string GetFullPath(string path);

    /// <summary>True when <paramref name="path"/> is an existing file (attribute).</summary>
    bool FileExists(string path);

    /// <summary>True when <paramref name="path"/> is an existing directory (links to directories count).</summary>
    bool DirectoryExists(string path);

    /// <summary>The names of the directories (and links to directories) in <paramref name="path"/>, sorted ordinally; empty when it does not exist.</summary>
    IReadOnlyList<string> ListDirectories(string path);

    /// <summary>Reads an attribute, without trailing white space or NUL characters.</summary>
    /// <exception cref="SysfsException">The file is missing or cannot be read; the message says what to do.</exception>
    string Read(string path);

    /// <summary>Writes an attribute in a single write, as <c>echo value &gt; file</c> does.</summary>
    /// <exception cref="SysfsException">The kernel refused the value, or the file is missing, read-only or not writable by this user.</exception>
    void Write(string path, string value);
}
