using DynaSplit.Optimization.Storage;
using DynaSplit.Trials;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace DynaSplit.DependencyInjection;

/// <summary>Builder methods of DynaSplit.Optimization.Sqlite: the SQLite study store.</summary>
public static class SqliteBuilderExtensions
{
    /// <summary>Keeps the offline phase's trials in a SQLite file, so an interrupted study resumes without measuring anything twice.</summary>
    /// <param name="builder">The DynaSplit builder.</param>
    /// <param name="path">The SQLite file (created when missing).</param>
    /// <param name="study">The study's name within the file.</param>
    public static IDynaSplitBuilder UseSqliteTrialStore(this IDynaSplitBuilder builder, string path, string study = "default")
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentException.ThrowIfNullOrWhiteSpace(study);
        builder.Services.Replace(ServiceDescriptor.Singleton<ITrialStore>(_ => new SqliteTrialStore(path, study)));
        return builder;
    }
}
