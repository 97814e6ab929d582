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
/// <remarks>
/// <para>
/// Each study records a fingerprint of its configuration space (parameter names, kinds and domains, rules, the
/// number of allowed combinations) and of an optional context (for example the measurement pool's content), and a
/// store recorded for another space or context is refused with a message saying what differs, instead of
/// answering proposals with another study's measurements.
/// </para>
/// <para>
/// The schema is versioned with <c>PRAGMA user_version</c>; files of version 1 are migrated in place when opened.
/// Besides the fixed columns, the whole measurement is kept as JSON, so fields added to
/// <see cref="TrialMeasurement"/> later are stored without a schema change. A measurement with a value that is not
/// finite (SQLite cannot store NaN) is recorded as a failed trial that says which value it was, instead of failing
/// the write and, with it, the offline phase.
/// </para>
/// </remarks>
public sealed class SqliteTrialStore : ITrialStore
{
    private const int SchemaVersion = 2;
    private static readonly JsonSerializerOptions MeasurementJson = new()
    {
        NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    private readonly string _connectionString;
    private readonly string? _context;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private bool _initialized;
    private string? _checkedFingerprint;

    /// <summary>Opens (or creates) the store.</summary>
    /// <param name="path">The SQLite file; created with its folder when missing.</param>
    /// <param name="study">The study's name within the file.</param>
    public SqliteTrialStore(string path, string study = "default")
        : this(path, study, null)
    {
    }

    /// <summary>Opens (or creates) the store for a study whose results also depend on <paramref name="context"/>.</summary>
    /// <param name="path">The SQLite file; created with its folder when missing.</param>
    /// <param name="study">The study's name within the file.</param>
    /// <param name="context">
    /// What else the measurements depend on besides the space (for example a hash of the measurement pool or the
    /// model file); part of the study's fingerprint. Null for nothing.
    /// </param>
    public SqliteTrialStore(string path, string study, string? context)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentException.ThrowIfNullOrWhiteSpace(study);
        Path = System.IO.Path.GetFullPath(path);
        Study = study;
        _context = context;
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
            await CheckFingerprintAsync(connection, space, cancellationToken).ConfigureAwait(false);
            await using var command = connection.CreateCommand();
            command.CommandText = """
                SELECT number, configuration, status, error, started_at, completed_at, latency_ms, energy_j, accuracy,
                       latency_edge_ms, latency_transfer_ms, latency_cloud_ms, energy_edge_j, energy_cloud_j,
                       transferred_bytes, energy_kind, inferences, extra, measurement
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
    /// measuring it again; the write takes milliseconds. A complete trial whose measurement holds a value that is
    /// not finite is recorded as failed, with the reason.
    /// </summary>
    /// <exception cref="InvalidOperationException">The study was recorded for another space or context, or the trial number is taken.</exception>
    public async ValueTask AppendAsync(TrialRecord trial, CancellationToken cancellationToken)
    {
        _ = cancellationToken;
        ArgumentNullException.ThrowIfNull(trial);
        if (trial.Status == TrialStatus.Complete && trial.Measurement is null)
        {
            throw new ArgumentException($"Trial {trial.Number} ('{trial.Configuration.Key}') is complete but has no measurement.", nameof(trial));
        }

        if (trial.Measurement is { } measured && NonFinite(measured) is { } bad)
        {
            trial = trial with
            {
                Status = TrialStatus.Failed,
                Measurement = null,
                Error = $"The measurement's {bad} is not a finite number{(trial.Error is null ? string.Empty : $"; {trial.Error}")}.",
            };
        }

        await _gate.WaitAsync(CancellationToken.None).ConfigureAwait(false);
        try
        {
            await using var connection = await OpenAsync(CancellationToken.None).ConfigureAwait(false);
            await CheckFingerprintAsync(connection, trial.Configuration.Space, CancellationToken.None).ConfigureAwait(false);
            await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(CancellationToken.None).ConfigureAwait(false);
            await using (var command = connection.CreateCommand())
            {
                command.Transaction = transaction;
                command.CommandText = """
                    INSERT INTO trials (study, number, configuration, status, error, started_at, completed_at, latency_ms,
                        energy_j, accuracy, latency_edge_ms, latency_transfer_ms, latency_cloud_ms, energy_edge_j,
                        energy_cloud_j, transferred_bytes, energy_kind, inferences, extra, measurement)
                    VALUES ($study, $number, $configuration, $status, $error, $started, $completed, $latency, $energy,
                        $accuracy, $latencyEdge, $latencyTransfer, $latencyCloud, $energyEdge, $energyCloud, $bytes,
                        $energyKind, $inferences, $extra, $measurement)
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
                command.Parameters.AddWithValue("$measurement", m is null ? DBNull.Value : JsonSerializer.Serialize(m, MeasurementJson));
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
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var version = Convert.ToInt32(await ScalarAsync(connection, transaction, "PRAGMA user_version", cancellationToken).ConfigureAwait(false), CultureInfo.InvariantCulture);
        var hasTables = Convert.ToInt64(await ScalarAsync(connection, transaction, "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'trials'", cancellationToken).ConfigureAwait(false), CultureInfo.InvariantCulture) > 0;
        if (version == 0 && hasTables)
        {
            // Version 1 recorded its version in a table, not in user_version.
            version = Convert.ToInt32(await ScalarAsync(connection, transaction, "SELECT version FROM schema_info LIMIT 1", cancellationToken).ConfigureAwait(false) ?? 1, CultureInfo.InvariantCulture);
        }

        if (version > SchemaVersion)
        {
            throw new InvalidOperationException($"The study store '{Path}' has schema version {version}; this version of DynaSplit reads versions up to {SchemaVersion}. Update DynaSplit or use a new file.");
        }

        if (!hasTables)
        {
            await ExecuteAsync(connection, transaction, """
                CREATE TABLE schema_info (version INTEGER NOT NULL);
                INSERT INTO schema_info (version) VALUES (2);
                CREATE TABLE studies (study TEXT PRIMARY KEY, created_at TEXT NOT NULL, fingerprint TEXT, space TEXT);
                CREATE TABLE trials (
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
                    measurement TEXT,
                    PRIMARY KEY (study, number));
                CREATE TABLE trial_params (
                    study TEXT NOT NULL,
                    number INTEGER NOT NULL,
                    name TEXT NOT NULL,
                    label TEXT NOT NULL,
                    value REAL NOT NULL,
                    PRIMARY KEY (study, number, name));
                """, cancellationToken).ConfigureAwait(false);
        }
        else if (version == 1)
        {
            // 1 -> 2: the whole measurement as JSON, and each study's fingerprint (adopted from the first use).
            await ExecuteAsync(connection, transaction, """
                ALTER TABLE trials ADD COLUMN measurement TEXT;
                ALTER TABLE studies ADD COLUMN fingerprint TEXT;
                ALTER TABLE studies ADD COLUMN space TEXT;
                UPDATE schema_info SET version = 2;
                """, cancellationToken).ConfigureAwait(false);
        }

        await ExecuteAsync(connection, transaction, $"PRAGMA user_version = {SchemaVersion}", cancellationToken).ConfigureAwait(false);
        await using (var command = connection.CreateCommand())
        {
            command.Transaction = transaction;
            command.CommandText = "INSERT OR IGNORE INTO studies (study, created_at) VALUES ($study, $now)";
            command.Parameters.AddWithValue("$study", Study);
            command.Parameters.AddWithValue("$now", DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture));
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Compares the study's recorded fingerprint with the one of <paramref name="space"/> and the context; records it
    /// when the study has none yet (a new study, or one migrated from version 1).
    /// </summary>
    private async Task CheckFingerprintAsync(SqliteConnection connection, ConfigurationSpace space, CancellationToken cancellationToken)
    {
        var description = Describe(space, _context);
        var fingerprint = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(description)));
        if (_checkedFingerprint == fingerprint)
        {
            return;
        }

        await using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT fingerprint, space FROM studies WHERE study = $study";
            command.Parameters.AddWithValue("$study", Study);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            if (await reader.ReadAsync(cancellationToken).ConfigureAwait(false) && !reader.IsDBNull(0))
            {
                var recorded = reader.GetString(0);
                if (recorded != fingerprint)
                {
                    var was = reader.IsDBNull(1) ? "(not recorded)" : reader.GetString(1);
                    throw new InvalidOperationException(
                        $"Study '{Study}' in '{Path}' was recorded for another configuration space or measurement source, so its trials do not answer this one's proposals. Recorded: {was}. Now: {description}. Use another study name or file, or the space and source it was recorded with.");
                }

                _checkedFingerprint = fingerprint;
                return;
            }
        }

        await using (var update = connection.CreateCommand())
        {
            update.CommandText = "UPDATE studies SET fingerprint = $fingerprint, space = $space WHERE study = $study AND fingerprint IS NULL";
            update.Parameters.AddWithValue("$fingerprint", fingerprint);
            update.Parameters.AddWithValue("$space", description);
            update.Parameters.AddWithValue("$study", Study);
            await update.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        _checkedFingerprint = fingerprint;
    }

    /// <summary>A canonical description of what a study's measurements depend on.</summary>
    private static string Describe(ConfigurationSpace space, string? context)
    {
        var parts = new List<string>();
        foreach (var parameter in space.Parameters)
        {
            parts.Add($"{parameter.Name} {parameter.Kind} {parameter.DescribeDomain()}");
        }

        foreach (var rule in space.Rules)
        {
            // The allowed combinations' description names the file they came from; their number is what matters here.
            parts.Add(rule is AllowedCombinationsRule allowed ? $"{allowed.Count} allowed combinations" : rule.Description);
        }

        if (context is not null)
        {
            parts.Add($"context {context}");
        }

        return string.Join("; ", parts);
    }

    /// <summary>The name of a value of <paramref name="m"/> that is not finite, or null.</summary>
    private static string? NonFinite(TrialMeasurement m)
    {
        var values = new List<(string, double?)>
        {
            ("latency", m.LatencyMs), ("energy", m.EnergyJ), ("accuracy", m.Accuracy),
            ("edge latency", m.Latency?.EdgeMs), ("transfer latency", m.Latency?.TransferMs), ("cloud latency", m.Latency?.CloudMs),
            ("edge energy", m.Energy?.EdgeJ), ("cloud energy", m.Energy?.CloudJ),
        };
        values.AddRange(m.Extra.Select(e => (e.Key, (double?)e.Value)));
        foreach (var stage in m.Stages)
        {
            values.Add(($"stage {stage.Stage} compute time", stage.ComputeMs));
            values.Add(($"stage {stage.Stage} transfer time", stage.TransferMs));
            values.Add(($"stage {stage.Stage} energy", stage.EnergyJ));
            values.Add(($"stage {stage.Stage} queue time", stage.QueueMs));
        }

        foreach (var (name, value) in values)
        {
            if (value is { } v && !double.IsFinite(v))
            {
                return $"{name} ({v.ToString(CultureInfo.InvariantCulture)})";
            }
        }

        return null;
    }

    private static async Task<object?> ScalarAsync(SqliteConnection connection, SqliteTransaction transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
    }

    private static async Task ExecuteAsync(SqliteConnection connection, SqliteTransaction transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
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
        if (!reader.IsDBNull(18))
        {
            try
            {
                measurement = JsonSerializer.Deserialize<TrialMeasurement>(reader.GetString(18), MeasurementJson);
                if (measurement is { Stages.Count: 0 })
                {
                    // The shared empty list, as a measurement without stages has.
                    measurement = measurement with { Stages = [] };
                }
            }
            catch (JsonException ex)
            {
                throw new InvalidOperationException($"Trial {number} of study '{Study}' in '{Path}' has a measurement that does not read ({ex.Message}); the file is damaged or was written by an incompatible version.", ex);
            }
        }
        else if (!reader.IsDBNull(6))
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
