using System.Diagnostics;
using System.Globalization;
using Maillage.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Npgsql;
using NpgsqlTypes;

namespace Maillage.Bench.Loading;

/// <summary>
/// Rows of one table of the app's model, given as entities built with the domain's own methods (so NameKey,
/// SearchText, competence labels… are the app's) or, for rows whose constructor needs objects the generator no longer
/// holds, as values per property name. Columns, table names and types come from the EF model: a new entity (the
/// projects of issue 6) is loaded by adding one <see cref="BulkTable"/> to the list.
/// </summary>
public sealed class BulkTable
{
    private BulkTable(Type entity, string label, IReadOnlyList<string>? properties, IEnumerable<object> entities, IEnumerable<object?[]>? rows)
    {
        Entity = entity;
        Label = label;
        Properties = properties;
        Entities = entities;
        Rows = rows;
    }

    public Type Entity { get; }
    public string Label { get; }
    internal IReadOnlyList<string>? Properties { get; }
    internal IEnumerable<object> Entities { get; }
    internal IEnumerable<object?[]>? Rows { get; }

    public static BulkTable Of<T>(string label, IEnumerable<T> entities)
        where T : class => new(typeof(T), label, null, entities, null);

    /// <summary>Rows given as values of <paramref name="properties"/> (CLR values, as the entity would hold them).</summary>
    public static BulkTable OfValues<T>(string label, IReadOnlyList<string> properties, IEnumerable<object?[]> rows)
        where T : class => new(typeof(T), label, properties, [], rows);
}

public sealed record TableLoad(string Label, long Rows, TimeSpan Elapsed)
{
    public double RowsPerSecond => Rows / Math.Max(Elapsed.TotalSeconds, 1e-9);
}

public sealed record BulkLoad(IReadOnlyList<TableLoad> Tables, TimeSpan Elapsed)
{
    public long Rows => Tables.Sum(t => t.Rows);
    public double RowsPerSecond => Rows / Math.Max(Elapsed.TotalSeconds, 1e-9);
}

/// <summary>
/// The raw bulk insert: one transaction of prepared inserts on SQLite (the full-text triggers fill the search index as
/// the app's own inserts do), binary COPY on PostgreSQL. It is the baseline of the import's rows per second.
/// Generation time is included: the rows are produced while they are written, as an import would read them.
/// </summary>
public static class BulkLoader
{
    /// <summary>Bulk statements and statistics at a million rows run for minutes on a busy machine.</summary>
    public static readonly TimeSpan LongCommand = TimeSpan.FromHours(1);

    public static async Task<BulkLoad> LoadAsync(AppDbContext db, IReadOnlyList<BulkTable> tables, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(tables);
        var total = Stopwatch.StartNew();
        var loads = new List<TableLoad>();
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            if (db.Database.IsSqlite())
            {
                var connection = (SqliteConnection)db.Database.GetDbConnection();
                using (var pragma = connection.CreateCommand())
                {
                    // Index writes land all over the file (random name keys): give the load a large page cache.
                    pragma.CommandText = "PRAGMA cache_size = -524288";
                    pragma.ExecuteNonQuery();
                }

                using (var transaction = connection.BeginTransaction())
                {
                    foreach (var table in tables)
                    {
                        loads.Add(InsertSqlite(db.Model, connection, transaction, table));
                    }

                    var commit = Stopwatch.StartNew();
                    transaction.Commit();
                    // The commit writes the pages of every table: charge it to the last one.
                    loads[^1] = loads[^1] with { Elapsed = loads[^1].Elapsed + commit.Elapsed };
                }

                using (var pragma = connection.CreateCommand())
                {
                    pragma.CommandText = "PRAGMA cache_size = -2000";
                    pragma.ExecuteNonQuery();
                }
            }
            else
            {
                var connection = (NpgsqlConnection)db.Database.GetDbConnection();
                await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
                foreach (var table in tables)
                {
                    loads.Add(await CopyPostgresAsync(db.Model, connection, table, cancellationToken));
                }

                var commit = Stopwatch.StartNew();
                await transaction.CommitAsync(cancellationToken);
                loads[^1] = loads[^1] with { Elapsed = loads[^1].Elapsed + commit.Elapsed };
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }

        return new BulkLoad(loads, total.Elapsed);
    }

    private sealed record Column(string Name, Type ClrType, Func<object, object?>? Getter);

    private static (string Table, List<Column> Columns) Describe(IModel model, BulkTable table)
    {
        var entity = model.FindEntityType(table.Entity) ?? throw new InvalidOperationException($"{table.Entity.Name} n'est pas dans le modèle.");
        var name = entity.GetTableName()!;
        var store = StoreObjectIdentifier.Table(name, entity.GetSchema());
        IEnumerable<IProperty> properties = table.Properties is { } wanted
            ? wanted.Select(p => entity.FindProperty(p) ?? throw new InvalidOperationException($"{table.Entity.Name}.{p} n'est pas une propriété du modèle."))
            : entity.GetProperties();
        var columns = properties.Select(p =>
        {
            var getter = p.GetGetter();
            return new Column(p.GetColumnName(store)!, Nullable.GetUnderlyingType(p.ClrType) ?? p.ClrType,
                table.Properties is null ? getter.GetClrValueUsingContainingEntity : null);
        }).ToList();
        return (name, columns);
    }

    private static IEnumerable<object?[]> RowsOf(BulkTable table, List<Column> columns) =>
        table.Rows ?? table.Entities.Select(e => columns.Select(c => c.Getter!(e)).ToArray());

    private static TableLoad InsertSqlite(IModel model, SqliteConnection connection, SqliteTransaction transaction, BulkTable table)
    {
        var watch = Stopwatch.StartNew();
        var (name, columns) = Describe(model, table);
        using var insert = connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = $"INSERT INTO \"{name}\" ({string.Join(", ", columns.Select(c => $"\"{c.Name}\""))}) " +
                             $"VALUES ({string.Join(", ", columns.Select((_, i) => "$p" + i.ToString(CultureInfo.InvariantCulture)))})";
        var parameters = columns.Select((_, i) => insert.Parameters.Add("$p" + i.ToString(CultureInfo.InvariantCulture), SqliteType.Text)).ToArray();
        insert.Prepare();
        long count = 0;
        foreach (var row in RowsOf(table, columns))
        {
            for (var i = 0; i < parameters.Length; i++)
            {
                var (value, type) = SqliteValue(row[i]);
                parameters[i].SqliteType = type;
                parameters[i].Value = value;
            }

            insert.ExecuteNonQuery();
            count++;
        }

        return new TableLoad(table.Label, count, watch.Elapsed);
    }

    /// <summary>The value as EF Core's SQLite provider stores it (upper-case GUID text, ISO dates, enums as integers).</summary>
    private static (object Value, SqliteType Type) SqliteValue(object? value) => value switch
    {
        null => (DBNull.Value, SqliteType.Text),
        string s => (s, SqliteType.Text),
        Guid g => (g.ToString().ToUpperInvariant(), SqliteType.Text),
        DateTime d => (Utc(d).ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture), SqliteType.Text),
        DateOnly d => (d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), SqliteType.Text),
        bool b => (b ? 1L : 0L, SqliteType.Integer),
        Enum e => (Convert.ToInt64(e, CultureInfo.InvariantCulture), SqliteType.Integer),
        int n => ((long)n, SqliteType.Integer),
        long n => (n, SqliteType.Integer),
        double x => (x, SqliteType.Real),
        _ => throw new NotSupportedException($"Type non pris en charge par le chargement en masse : {value.GetType().Name}"),
    };

    private static async Task<TableLoad> CopyPostgresAsync(IModel model, NpgsqlConnection connection, BulkTable table, CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        var (name, columns) = Describe(model, table);
        var types = columns.Select(c => PostgresType(c.ClrType)).ToArray();
        long count = 0;
        await using (var importer = await connection.BeginBinaryImportAsync(
                         $"COPY \"{name}\" ({string.Join(", ", columns.Select(c => $"\"{c.Name}\""))}) FROM STDIN (FORMAT BINARY)", cancellationToken))
        {
            // Completing the COPY of a million actors updates the trigram index: far beyond the default 30 s.
            importer.Timeout = LongCommand;
            foreach (var row in RowsOf(table, columns))
            {
                await importer.StartRowAsync(cancellationToken);
                for (var i = 0; i < types.Length; i++)
                {
                    var value = row[i];
                    switch (value)
                    {
                        case null: await importer.WriteNullAsync(cancellationToken); break;
                        case Enum e: await importer.WriteAsync(Convert.ToInt32(e, CultureInfo.InvariantCulture), types[i], cancellationToken); break;
                        case DateTime d: await importer.WriteAsync(Utc(d), types[i], cancellationToken); break;
                        default: await importer.WriteAsync(value, types[i], cancellationToken); break;
                    }
                }

                count++;
            }

            await importer.CompleteAsync(cancellationToken);
        }

        return new TableLoad(table.Label, count, watch.Elapsed);
    }

    private static DateTime Utc(DateTime d) => d.Kind == DateTimeKind.Local ? d.ToUniversalTime() : DateTime.SpecifyKind(d, DateTimeKind.Utc);

    private static NpgsqlDbType PostgresType(Type type) =>
        type == typeof(string) ? NpgsqlDbType.Text
        : type == typeof(Guid) ? NpgsqlDbType.Uuid
        : type == typeof(DateTime) ? NpgsqlDbType.TimestampTz
        : type == typeof(DateOnly) ? NpgsqlDbType.Date
        : type == typeof(bool) ? NpgsqlDbType.Boolean
        : type == typeof(long) ? NpgsqlDbType.Bigint
        : type == typeof(int) || type.IsEnum ? NpgsqlDbType.Integer
        : type == typeof(double) ? NpgsqlDbType.Double
        : throw new NotSupportedException($"Type non pris en charge par le chargement en masse : {type.Name}");
}
