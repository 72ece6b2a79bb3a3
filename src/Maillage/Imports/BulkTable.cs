using System.Data.Common;
using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;
using Npgsql;
using NpgsqlTypes;
using SQLitePCL;

namespace Maillage.Imports;

internal enum BulkKind
{
    Guid,
    Text,
    Int,
    Long,
    Instant,
}

internal sealed record BulkColumn(string Name, BulkKind Kind);

/// <summary>
/// Rows written to one table without EF: buffered for a chunk, then sent as prepared multi-row INSERTs bound by
/// position on SQLite (the fastest path SQLite has, inside the import's transaction) or as one binary COPY on PostgreSQL.
/// Values are stored exactly as EF stores them (on SQLite: Guid as upper-case text, instants as ISO text).
/// </summary>
internal abstract class BulkTable(string table, IReadOnlyList<BulkColumn> columns) : IDisposable
{
    private readonly List<object?[]> _rows = [];

    protected string Table { get; } = table;
    protected IReadOnlyList<BulkColumn> Columns { get; } = columns;

    public int Pending => _rows.Count;

    public static BulkTable For(DbConnection connection, DbTransaction transaction, string table, IReadOnlyList<BulkColumn> columns) =>
        connection is NpgsqlConnection npgsql
            ? new PostgresBulkTable(npgsql, table, columns)
            : new SqliteBulkTable((SqliteConnection)connection, (SqliteTransaction)transaction, table, columns);

    public void Add(params object?[] row) => _rows.Add(row);

    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        if (_rows.Count > 0)
        {
            await WriteAsync(_rows, cancellationToken);
            _rows.Clear();
        }
    }

    protected abstract Task WriteAsync(List<object?[]> rows, CancellationToken cancellationToken);

    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
    }

    internal static object SqliteValue(object? value, BulkKind kind) => value switch
    {
        null => DBNull.Value,
        Guid g => g.ToString().ToUpperInvariant(),
        DateTime d => d.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture),
        _ when kind == BulkKind.Int => Convert.ToInt32(value, CultureInfo.InvariantCulture),
        _ => value,
    };

    internal static string Quote(string name) => "\"" + name + "\"";
}

/// <summary>
/// SQLite: statements prepared once through SQLite's own C interface, parameters bound by position. Microsoft.Data.Sqlite
/// binds every parameter by name, and SQLite finds a name by a linear scan of the statement's names: for a multi-row
/// INSERT of 990 parameters that scan was 40 % of the import's time (measured with perf, docs/decisions/0017-import-write-path.md).
/// The statements run on the connection's own handle, so inside the import's transaction.
/// </summary>
internal sealed class SqliteBulkTable(SqliteConnection connection, SqliteTransaction transaction, string table, IReadOnlyList<BulkColumn> columns)
    : BulkTable(table, columns)
{
    /// <summary>Rows per multi-row statement: fewer steps through SQLite's virtual machine, far below its 32,766 parameters.</summary>
    private const int RowsPerStatement = 32;

    private readonly Dictionary<int, sqlite3_stmt> _statements = [];

    protected override void Dispose(bool disposing)
    {
        foreach (var statement in _statements.Values)
        {
            statement.Dispose();
        }

        _statements.Clear();
        base.Dispose(disposing);
    }

    protected override Task WriteAsync(List<object?[]> rows, CancellationToken cancellationToken)
    {
        if (transaction.Connection != connection)
        {
            throw new InvalidOperationException("Les lignes s'écrivent dans la transaction ouverte sur la connexion de l'import.");
        }

        var db = connection.Handle!;
        var index = 0;
        while (index < rows.Count)
        {
            var count = rows.Count - index >= RowsPerStatement ? RowsPerStatement : 1;
            var statement = StatementFor(db, count);
            var p = 1;
            for (var r = 0; r < count; r++)
            {
                var row = rows[index + r];
                for (var c = 0; c < Columns.Count; c++)
                {
                    Bind(db, statement, p++, row[c], Columns[c].Kind);
                }
            }

            var rc = raw.sqlite3_step(statement);
            raw.sqlite3_reset(statement);
            if (rc != raw.SQLITE_DONE)
            {
                SqliteException.ThrowExceptionForRC(rc, db);
            }

            index += count;
        }

        return Task.CompletedTask;
    }

    private static void Bind(sqlite3 db, sqlite3_stmt statement, int index, object? value, BulkKind kind)
    {
        var rc = value switch
        {
            null => raw.sqlite3_bind_null(statement, index),
            Guid g => BindGuid(statement, index, g),
            DateTime d => BindInstant(statement, index, d),
            string text => BindText(statement, index, text),
            _ when kind is BulkKind.Int or BulkKind.Long => raw.sqlite3_bind_int64(statement, index, Convert.ToInt64(value, CultureInfo.InvariantCulture)),
            _ => BindText(statement, index, Convert.ToString(value, CultureInfo.InvariantCulture) ?? ""),
        };
        if (rc != raw.SQLITE_OK)
        {
            SqliteException.ThrowExceptionForRC(rc, db);
        }
    }

    /// <summary>Text as UTF-8, the database's encoding: SQLite copies it as is instead of translating UTF-16 for every value.</summary>
    private static int BindText(sqlite3_stmt statement, int index, ReadOnlySpan<char> text)
    {
        var length = Encoding.UTF8.GetMaxByteCount(text.Length);
        if (length > 1024)
        {
            return raw.sqlite3_bind_text(statement, index, Encoding.UTF8.GetBytes(text.ToArray()));
        }

        Span<byte> utf8 = stackalloc byte[length];
        var written = Encoding.UTF8.GetBytes(text, utf8);
        return raw.sqlite3_bind_text(statement, index, utf8[..written]);
    }

    /// <summary>A Guid as EF stores it on SQLite: upper-case text, formatted without an intermediate string.</summary>
    private static int BindGuid(sqlite3_stmt statement, int index, Guid value)
    {
        Span<char> text = stackalloc char[36];
        value.TryFormat(text, out _);
        for (var i = 0; i < text.Length; i++)
        {
            text[i] = char.ToUpperInvariant(text[i]);
        }

        return BindText(statement, index, text);
    }

    /// <summary>An instant as EF stores it on SQLite.</summary>
    private static int BindInstant(sqlite3_stmt statement, int index, DateTime value)
    {
        Span<char> text = stackalloc char[40];
        value.TryFormat(text, out var written, "yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture);
        return BindText(statement, index, text[..written]);
    }

    private sqlite3_stmt StatementFor(sqlite3 db, int rows)
    {
        if (_statements.TryGetValue(rows, out var existing))
        {
            return existing;
        }

        var sql = new System.Text.StringBuilder($"INSERT INTO {Quote(Table)} ({string.Join(", ", Columns.Select(c => Quote(c.Name)))}) VALUES ");
        var values = "(" + string.Join(", ", Enumerable.Repeat("?", Columns.Count)) + ")";
        for (var r = 0; r < rows; r++)
        {
            sql.Append(r == 0 ? values : ", " + values);
        }

        var rc = raw.sqlite3_prepare_v2(db, sql.ToString(), out var statement);
        if (rc != raw.SQLITE_OK)
        {
            statement?.Dispose();
            SqliteException.ThrowExceptionForRC(rc, db);
        }

        _statements[rows] = statement!;
        return statement!;
    }
}

internal sealed class PostgresBulkTable(NpgsqlConnection connection, string table, IReadOnlyList<BulkColumn> columns) : BulkTable(table, columns)
{
    protected override async Task WriteAsync(List<object?[]> rows, CancellationToken cancellationToken)
    {
        var copy = $"COPY {Quote(Table)} ({string.Join(", ", Columns.Select(c => Quote(c.Name)))}) FROM STDIN (FORMAT BINARY)";
        await using var writer = await connection.BeginBinaryImportAsync(copy, cancellationToken);
        foreach (var row in rows)
        {
            await writer.StartRowAsync(cancellationToken);
            for (var c = 0; c < Columns.Count; c++)
            {
                if (row[c] is null)
                {
                    await writer.WriteNullAsync(cancellationToken);
                    continue;
                }

                switch (Columns[c].Kind)
                {
                    case BulkKind.Guid:
                        await writer.WriteAsync((Guid)row[c]!, NpgsqlDbType.Uuid, cancellationToken);
                        break;
                    case BulkKind.Text:
                        await writer.WriteAsync((string)row[c]!, NpgsqlDbType.Text, cancellationToken);
                        break;
                    case BulkKind.Int:
                        await writer.WriteAsync(Convert.ToInt32(row[c], CultureInfo.InvariantCulture), NpgsqlDbType.Integer, cancellationToken);
                        break;
                    case BulkKind.Long:
                        await writer.WriteAsync(Convert.ToInt64(row[c], CultureInfo.InvariantCulture), NpgsqlDbType.Bigint, cancellationToken);
                        break;
                    default:
                        await writer.WriteAsync((DateTime)row[c]!, NpgsqlDbType.TimestampTz, cancellationToken);
                        break;
                }
            }
        }

        await writer.CompleteAsync(cancellationToken);
    }
}
