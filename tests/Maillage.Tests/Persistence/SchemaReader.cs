using Maillage.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Maillage.Tests.Persistence;

public sealed record ColumnShape(bool Nullable, string StoreType);

public sealed record IndexShape(IReadOnlyList<string> Columns, bool Unique)
{
    public override string ToString() => $"({string.Join(", ", Columns)}){(Unique ? " unique" : "")}";
}

public sealed record TableShape(
    IReadOnlyDictionary<string, ColumnShape> Columns,
    IReadOnlyList<string> PrimaryKey,
    IReadOnlyDictionary<string, IndexShape> Indexes);

/// <summary>The shape of a schema — tables, columns, keys, indexes — read from the EF model or from the database itself.</summary>
public static class SchemaReader
{
    /// <summary>Tables EF keeps for itself, absent from the model.</summary>
    public static readonly HashSet<string> MigrationTables = ["__EFMigrationsHistory", "__EFMigrationsLock"];

    public static Dictionary<string, TableShape> FromModel(AppDbContext db)
    {
        var model = db.GetService<IDesignTimeModel>().Model.GetRelationalModel();
        return model.Tables.ToDictionary(
            t => t.Name,
            t => new TableShape(
                t.Columns.ToDictionary(c => c.Name, c => new ColumnShape(c.IsNullable, c.StoreType)),
                t.PrimaryKey?.Columns.Select(c => c.Name).ToList() ?? [],
                t.Indexes.ToDictionary(i => i.Name, i => new IndexShape(i.Columns.Select(c => c.Name).ToList(), i.IsUnique))));
    }

    public static Task<Dictionary<string, TableShape>> FromDatabaseAsync(AppDbContext db, CancellationToken cancellationToken) =>
        db.Database.IsSqlite() ? FromSqliteAsync(db, cancellationToken) : FromPostgresAsync(db, cancellationToken);

    private static async Task<Dictionary<string, TableShape>> FromSqliteAsync(AppDbContext db, CancellationToken cancellationToken)
    {
        var tables = new Dictionary<string, TableShape>();
        // Ordinary tables only: a full-text index (FTS5 virtual table and its shadow tables) lives outside the EF model.
        var names = await QueryAsync(db, "SELECT name FROM pragma_table_list WHERE schema = 'main' AND type = 'table' AND name NOT LIKE 'sqlite_%'", cancellationToken);
        foreach (var table in names.Select(r => (string)r[0]))
        {
            // table_info: cid, name, type, notnull, dflt_value, pk
            var columns = await QueryAsync(db, $"PRAGMA table_info(\"{table}\")", cancellationToken);
            var primaryKey = columns.Where(c => Convert.ToInt64(c[5]) > 0).OrderBy(c => Convert.ToInt64(c[5])).Select(c => (string)c[1]).ToList();

            // index_list: seq, name, unique, origin (c = CREATE INDEX, u = UNIQUE, pk = primary key), partial
            var indexes = new Dictionary<string, IndexShape>();
            foreach (var index in await QueryAsync(db, $"PRAGMA index_list(\"{table}\")", cancellationToken))
            {
                if ((string)index[3] == "pk")
                {
                    continue;
                }

                var name = (string)index[1];
                var indexColumns = (await QueryAsync(db, $"PRAGMA index_info(\"{name}\")", cancellationToken))
                    .OrderBy(c => Convert.ToInt64(c[0])).Select(c => (string)c[2]).ToList();
                indexes[name] = new IndexShape(indexColumns, Convert.ToInt64(index[2]) == 1);
            }

            tables[table] = new TableShape(
                columns.ToDictionary(c => (string)c[1], c => new ColumnShape(Convert.ToInt64(c[3]) == 0 && Convert.ToInt64(c[5]) == 0, (string)c[2])),
                primaryKey,
                indexes);
        }

        return tables;
    }

    private static async Task<Dictionary<string, TableShape>> FromPostgresAsync(AppDbContext db, CancellationToken cancellationToken)
    {
        var columns = await QueryAsync(db, """
            SELECT c.relname, a.attname, NOT a.attnotnull, format_type(a.atttypid, a.atttypmod)
            FROM pg_attribute a
            JOIN pg_class c ON c.oid = a.attrelid
            JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p') AND a.attnum > 0 AND NOT a.attisdropped
            """, cancellationToken);
        var indexes = await QueryAsync(db, """
            SELECT t.relname, i.relname, ix.indisunique, ix.indisprimary,
                   array_agg(a.attname::text ORDER BY k.ord)
            FROM pg_index ix
            JOIN pg_class t ON t.oid = ix.indrelid
            JOIN pg_class i ON i.oid = ix.indexrelid
            JOIN pg_namespace n ON n.oid = t.relnamespace
            CROSS JOIN LATERAL unnest(ix.indkey::int2[]) WITH ORDINALITY AS k(attnum, ord)
            JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum
            WHERE n.nspname = current_schema()
            GROUP BY t.relname, i.relname, ix.indisunique, ix.indisprimary
            """, cancellationToken);

        return columns.GroupBy(c => (string)c[0]).ToDictionary(
            table => table.Key,
            table =>
            {
                var own = indexes.Where(i => (string)i[0] == table.Key).ToList();
                return new TableShape(
                    table.ToDictionary(c => (string)c[1], c => new ColumnShape((bool)c[2], (string)c[3])),
                    own.Where(i => (bool)i[3]).Select(i => ((string[])i[4]).ToList()).FirstOrDefault() ?? [],
                    own.Where(i => !(bool)i[3]).ToDictionary(i => (string)i[1], i => new IndexShape((string[])i[4], (bool)i[2])));
            });
    }

    /// <summary>Every difference between the model and the database, one line each, in French.</summary>
    public static List<string> Compare(IReadOnlyDictionary<string, TableShape> model, IReadOnlyDictionary<string, TableShape> database)
    {
        var differences = new List<string>();
        foreach (var (tableName, expected) in model.OrderBy(t => t.Key, StringComparer.Ordinal))
        {
            if (!database.TryGetValue(tableName, out var actual))
            {
                differences.Add($"table {tableName} : absente de la base (le modèle a les colonnes {string.Join(", ", expected.Columns.Keys)})");
                continue;
            }

            foreach (var (column, shape) in expected.Columns.OrderBy(c => c.Key, StringComparer.Ordinal))
            {
                if (!actual.Columns.TryGetValue(column, out var real))
                {
                    differences.Add($"{tableName}.{column} : colonne absente de la base (modèle : {shape.StoreType}{(shape.Nullable ? " NULL" : " NOT NULL")})");
                    continue;
                }

                if (real.Nullable != shape.Nullable)
                {
                    differences.Add($"{tableName}.{column} : {(real.Nullable ? "NULL" : "NOT NULL")} en base, {(shape.Nullable ? "NULL" : "NOT NULL")} dans le modèle");
                }

                if (!string.Equals(real.StoreType, shape.StoreType, StringComparison.OrdinalIgnoreCase))
                {
                    differences.Add($"{tableName}.{column} : type {real.StoreType} en base, {shape.StoreType} dans le modèle");
                }
            }

            differences.AddRange(actual.Columns.Keys.Except(expected.Columns.Keys).Order(StringComparer.Ordinal)
                .Select(column => $"{tableName}.{column} : colonne en base que le modèle ne connaît pas"));

            if (!actual.PrimaryKey.SequenceEqual(expected.PrimaryKey))
            {
                differences.Add($"{tableName} : clé primaire ({string.Join(", ", actual.PrimaryKey)}) en base, ({string.Join(", ", expected.PrimaryKey)}) dans le modèle");
            }

            foreach (var (index, shape) in expected.Indexes.OrderBy(i => i.Key, StringComparer.Ordinal))
            {
                if (!actual.Indexes.TryGetValue(index, out var real))
                {
                    differences.Add($"{tableName} : index {index} {shape} absent de la base");
                }
                else if (!real.Columns.SequenceEqual(shape.Columns) || real.Unique != shape.Unique)
                {
                    differences.Add($"{tableName} : index {index} {real} en base, {shape} dans le modèle");
                }
            }

            differences.AddRange(actual.Indexes.Where(i => !expected.Indexes.ContainsKey(i.Key)).OrderBy(i => i.Key, StringComparer.Ordinal)
                .Select(i => $"{tableName} : index {i.Key} {i.Value} en base que le modèle ne connaît pas"));
        }

        differences.AddRange(database.Keys.Where(t => !model.ContainsKey(t) && !MigrationTables.Contains(t)).Order(StringComparer.Ordinal)
            .Select(t => $"table {t} : en base mais absente du modèle"));
        return differences;
    }

    public static async Task<List<object[]>> QueryAsync(AppDbContext db, string sql, CancellationToken cancellationToken)
    {
        var connection = db.Database.GetDbConnection();
        if (connection.State != System.Data.ConnectionState.Open)
        {
            await db.Database.OpenConnectionAsync(cancellationToken);
        }

        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = new List<object[]>();
        while (await reader.ReadAsync(cancellationToken))
        {
            var row = new object[reader.FieldCount];
            reader.GetValues(row);
            rows.Add(row);
        }

        return rows;
    }

    public static async Task ExecuteAsync(AppDbContext db, string sql, CancellationToken cancellationToken)
    {
        var connection = db.Database.GetDbConnection();
        if (connection.State != System.Data.ConnectionState.Open)
        {
            await db.Database.OpenConnectionAsync(cancellationToken);
        }

        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
