using System.Globalization;
using System.Text.Json;
using DynaSplit.Energy;
using DynaSplit.Spaces;
using DynaSplit.Trials;
using Microsoft.Data.Sqlite;

namespace DynaSplit.Optimization.Storage;

/// <summary>
/// A study store in a SQLite file (Microsoft.Data.Sqlite). Each trial is written in its own transaction before
/// <see cref="AppendAsync"/> returns, with its configuration key, every parameter's label and value, status,
/// error, measured objectives and timestamps. Resuming needs nothing more: the offline phase replays the
/// deterministic optimizer from its seed and answers the proposals found here without measuring them.
/// Several studies can share a file under different names. Thread-safe.
/// </summary>
public sealed class SqliteTrialStore : ITrialStore
{
    private const int SchemaVersion = 1;
    private readonly string _connectionString;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private bool _initialized;

    /// <summary>Opens (or creates) the store.</summary>
    /// <param name="path">The SQLite file; created with its folder when missing.</param>
    /// <param name="study">The study's name within the file.</param>
    public SqliteTrialStore(string path, string study = "default")
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentException.ThrowIfNullOrWhiteSpace(study);
        Path = System.IO.Path.GetFullPath(path);
        Study = study;
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = Path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = false,
        }.ToString();
    }

    /// <summary>The full path of the SQLite file.</summary>
    public string Path { get; }

    /// <summary>The study's name within the file.</summary>
    public string Study { get; }

    /// <inheritdoc />
    public async ValueTask<IReadOnlyList<TrialRecord>> LoadAsync(ConfigurationSpace space, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(space);
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
            await using var command = connection.CreateCommand();
            command.CommandText = """
                SELECT number, configuration, status, error, started_at, completed_at, latency_ms, energy_j, accuracy,
                       latency_edge_ms, latency_transfer_ms, latency_cloud_ms, energy_edge_j, energy_cloud_j,
                       transferred_bytes, energy_kind, inferences, extra
                FROM trials WHERE study = $study ORDER BY number
                """;
            command.Parameters.AddWithValue("$study", Study);
            var trials = new List<TrialRecord>();
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                trials.Add(Read(reader, space));
            }

            return trials;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// Records a finished trial durably before returning. The write is not abandoned when
    /// <paramref name="cancellationToken"/> fires: the trial was already measured, and losing it would mean
    /// measuring it again; the write takes milliseconds.
    /// </summary>
    public async ValueTask AppendAsync(TrialRecord trial, CancellationToken cancellationToken)
    {
        _ = cancellationToken;
        ArgumentNullException.ThrowIfNull(trial);
        if (trial.Status == TrialStatus.Complete && trial.Measurement is null)
        {
            throw new ArgumentException($"Trial {trial.Number} ('{trial.Configuration.Key}') is complete but has no measurement.", nameof(trial));
        }

        await _gate.WaitAsync(CancellationToken.None).ConfigureAwait(false);
        try
        {
            await using var connection = await OpenAsync(CancellationToken.None).ConfigureAwait(false);
            await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(CancellationToken.None).ConfigureAwait(false);
            await using (var command = connection.CreateCommand())
            {
                command.Transaction = transaction;
                command.CommandText = """
                    INSERT INTO trials (study, number, configuration, status, error, started_at, completed_at, latency_ms,
                        energy_j, accuracy, latency_edge_ms, latency_transfer_ms, latency_cloud_ms, energy_edge_j,
                        energy_cloud_j, transferred_bytes, energy_kind, inferences, extra)
                    VALUES ($study, $number, $configuration, $status, $error, $started, $completed, $latency, $energy,
                        $accuracy, $latencyEdge, $latencyTransfer, $latencyCloud, $energyEdge, $energyCloud, $bytes,
                        $energyKind, $inferences, $extra)
                    """;
                var m = trial.Measurement;
                command.Parameters.AddWithValue("$study", Study);
                command.Parameters.AddWithValue("$number", trial.Number);
                command.Parameters.AddWithValue("$configuration", trial.Configuration.Key);
                command.Parameters.AddWithValue("$status", trial.Status.ToString());
                command.Parameters.AddWithValue("$error", (object?)trial.Error ?? DBNull.Value);
                command.Parameters.AddWithValue("$started", trial.StartedAt.ToString("O", CultureInfo.InvariantCulture));
                command.Parameters.AddWithValue("$completed", trial.CompletedAt.ToString("O", CultureInfo.InvariantCulture));
                command.Parameters.AddWithValue("$latency", (object?)m?.LatencyMs ?? DBNull.Value);
                command.Parameters.AddWithValue("$energy", (object?)m?.EnergyJ ?? DBNull.Value);
                command.Parameters.AddWithValue("$accuracy", (object?)m?.Accuracy ?? DBNull.Value);
                command.Parameters.AddWithValue("$latencyEdge", (object?)m?.Latency?.EdgeMs ?? DBNull.Value);
                command.Parameters.AddWithValue("$latencyTransfer", (object?)m?.Latency?.TransferMs ?? DBNull.Value);
                command.Parameters.AddWithValue("$latencyCloud", (object?)m?.Latency?.CloudMs ?? DBNull.Value);
                command.Parameters.AddWithValue("$energyEdge", (object?)m?.Energy?.EdgeJ ?? DBNull.Value);
                command.Parameters.AddWithValue("$energyCloud", (object?)m?.Energy?.CloudJ ?? DBNull.Value);
                command.Parameters.AddWithValue("$bytes", (object?)m?.TransferredBytes ?? DBNull.Value);
                command.Parameters.AddWithValue("$energyKind", (object?)m?.EnergyKind.ToString() ?? DBNull.Value);
                command.Parameters.AddWithValue("$inferences", (object?)m?.Inferences ?? DBNull.Value);
                command.Parameters.AddWithValue("$extra", m is null || m.Extra.Count == 0 ? DBNull.Value : JsonSerializer.Serialize(m.Extra));
                try
                {
                    await command.ExecuteNonQueryAsync(CancellationToken.None).ConfigureAwait(false);
                }
                catch (SqliteException ex) when (ex.SqliteErrorCode == 19)
                {
                    throw new InvalidOperationException(
                        $"Study '{Study}' in '{Path}' already has a trial number {trial.Number}; trial numbers must be unique within a study (use another study name to start over).", ex);
                }
            }

            var space = trial.Configuration.Space;
            for (var i = 0; i < space.Parameters.Count; i++)
            {
                await using var command = connection.CreateCommand();
                command.Transaction = transaction;
                command.CommandText = "INSERT INTO trial_params (study, number, name, label, value) VALUES ($study, $number, $name, $label, $value)";
                command.Parameters.AddWithValue("$study", Study);
                command.Parameters.AddWithValue("$number", trial.Number);
                command.Parameters.AddWithValue("$name", space.Parameters[i].Name);
                command.Parameters.AddWithValue("$label", space.Parameters[i].Format(trial.Configuration[i]));
                command.Parameters.AddWithValue("$value", trial.Configuration[i]);
                await command.ExecuteNonQueryAsync(CancellationToken.None).ConfigureAwait(false);
            }

            await transaction.CommitAsync(CancellationToken.None).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var folder = System.IO.Path.GetDirectoryName(Path);
        if (!string.IsNullOrEmpty(folder))
        {
            Directory.CreateDirectory(folder);
        }

        var connection = new SqliteConnection(_connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            if (!_initialized)
            {
                await InitializeAsync(connection, cancellationToken).ConfigureAwait(false);
                _initialized = true;
            }

            return connection;
        }
        catch (SqliteException ex)
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw new InvalidOperationException($"Cannot open the study store '{Path}': {ex.Message} Check that the path is a writable SQLite file.", ex);
        }
    }

    private async Task InitializeAsync(SqliteConnection connection, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = """
            CREATE TABLE IF NOT EXISTS schema_info (version INTEGER NOT NULL);
            CREATE TABLE IF NOT EXISTS studies (study TEXT PRIMARY KEY, created_at TEXT NOT NULL);
            CREATE TABLE IF NOT EXISTS trials (
                study TEXT NOT NULL,
                number INTEGER NOT NULL,
                configuration TEXT NOT NULL,
                status TEXT NOT NULL,
                error TEXT,
                started_at TEXT NOT NULL,
                completed_at TEXT NOT NULL,
                latency_ms REAL,
                energy_j REAL,
                accuracy REAL,
                latency_edge_ms REAL,
                latency_transfer_ms REAL,
                latency_cloud_ms REAL,
                energy_edge_j REAL,
                energy_cloud_j REAL,
                transferred_bytes INTEGER,
                energy_kind TEXT,
                inferences INTEGER,
                extra TEXT,
                PRIMARY KEY (study, number));
            CREATE TABLE IF NOT EXISTS trial_params (
                study TEXT NOT NULL,
                number INTEGER NOT NULL,
                name TEXT NOT NULL,
                label TEXT NOT NULL,
                value REAL NOT NULL,
                PRIMARY KEY (study, number, name));
            INSERT INTO schema_info (version) SELECT $version WHERE NOT EXISTS (SELECT 1 FROM schema_info);
            INSERT OR IGNORE INTO studies (study, created_at) VALUES ($study, $now);
            SELECT version FROM schema_info LIMIT 1;
            """;
        command.Parameters.AddWithValue("$version", SchemaVersion);
        command.Parameters.AddWithValue("$study", Study);
        command.Parameters.AddWithValue("$now", DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture));
        var version = Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), CultureInfo.InvariantCulture);
        if (version != SchemaVersion)
        {
            throw new InvalidOperationException($"The study store '{Path}' has schema version {version}; this version of DynaSplit reads version {SchemaVersion}. Use a new file.");
        }
    }

    private TrialRecord Read(SqliteDataReader reader, ConfigurationSpace space)
    {
        var number = reader.GetInt32(0);
        var key = reader.GetString(1);
        Configuration configuration;
        try
        {
            configuration = space.ParseKey(key);
        }
        catch (FormatException ex)
        {
            throw new InvalidOperationException(
                $"Trial {number} of study '{Study}' in '{Path}' has configuration '{key}', which the current space cannot read ({ex.Message}). The store belongs to another space: use another study name or file.", ex);
        }

        if (!Enum.TryParse<TrialStatus>(reader.GetString(2), out var status))
        {
            throw new InvalidOperationException($"Trial {number} of study '{Study}' in '{Path}' has an unknown status '{reader.GetString(2)}'.");
        }

        TrialMeasurement? measurement = null;
        if (!reader.IsDBNull(6))
        {
            measurement = new TrialMeasurement
            {
                LatencyMs = reader.GetDouble(6),
                EnergyJ = reader.GetDouble(7),
                Accuracy = reader.IsDBNull(8) ? null : reader.GetDouble(8),
                Latency = reader.IsDBNull(9) ? null : new LatencyBreakdown(reader.GetDouble(9), reader.GetDouble(10), reader.GetDouble(11)),
                Energy = reader.IsDBNull(12) ? null : new EnergyBreakdown(reader.GetDouble(12), reader.GetDouble(13)),
                TransferredBytes = reader.IsDBNull(14) ? null : reader.GetInt64(14),
                EnergyKind = reader.IsDBNull(15) ? EnergyReadingKind.Measured : Enum.Parse<EnergyReadingKind>(reader.GetString(15)),
                Inferences = reader.IsDBNull(16) ? 1 : reader.GetInt32(16),
                Extra = reader.IsDBNull(17) ? new Dictionary<string, double>() : JsonSerializer.Deserialize<Dictionary<string, double>>(reader.GetString(17)) ?? [],
            };
        }

        return new TrialRecord(
            number,
            configuration,
            status,
            measurement,
            reader.IsDBNull(3) ? null : reader.GetString(3),
            DateTimeOffset.Parse(reader.GetString(4), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind),
            DateTimeOffset.Parse(reader.GetString(5), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind));
    }
}
