namespace DynaSplit.OnnxRuntime.Models;

/// <summary>The file kinds <see cref="UnixFileStatus"/> tells apart.</summary>
internal enum UnixFileKind
{
    Regular,
    Directory,
    SymbolicLink,
    Fifo,
    CharacterDevice,
    BlockDevice,
    Socket,
    Other,
}
