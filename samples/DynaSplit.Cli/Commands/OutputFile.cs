namespace DynaSplit.Cli.Commands;

/// <summary>Checks, before a long run, that an output file can be written, so a typo does not cost the run.</summary>
internal static class OutputFile
{
    /// <summary>
    /// Throws when <paramref name="path"/> is a folder, its folder does not exist, or the folder is not
    /// writable (probed with a file of an unpredictable name, created exclusively and deleted at once).
    /// </summary>
    public static void Check(string path, string option)
    {
        var full = Path.GetFullPath(path);
        if (Directory.Exists(full))
        {
            throw new IOException($"{option} '{path}' is a folder; give a file name.");
        }

        var folder = Path.GetDirectoryName(full)!;
        if (!Directory.Exists(folder))
        {
            throw new DirectoryNotFoundException($"{option} '{path}': the folder {folder} does not exist; create it first.");
        }

        var probe = Path.Combine(folder, $".dynasplit-probe-{Guid.NewGuid():N}");
        try
        {
            using (new FileStream(probe, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.DeleteOnClose))
            {
            }
        }
        catch (UnauthorizedAccessException)
        {
            throw new UnauthorizedAccessException($"{option} '{path}': the folder {folder} is not writable.");
        }
    }
}
