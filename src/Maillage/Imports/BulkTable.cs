using System.Data.Common;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Npgsql;
using NpgsqlTypes;

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
/// Rows written to one table without EF: buffered for a chunk, then sent as prepared multi-row INSERTs on SQLite
/// (the fastest path SQLite has, inside the import's transaction) or as one binary COPY on PostgreSQL.
/// Values are stored exactly as EF stores them (on SQLite: Guid as upper-case text, instants as ISO text).
/// </summary>
internal abstract class BulkTable(string table, IReadOnlyList<BulkColumn> columns)
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

internal sealed class SqliteBulkTable(SqliteConnection connection, SqliteTransaction transaction, string table, IReadOnlyList<BulkColumn> columns)
    : BulkTable(table, columns)
{
    private const int MaxParameters = 990;
    private readonly Dictionary<int, SqliteCommand> _commands = [];
    private int RowsPerStatement => Math.Max(1, MaxParameters / Columns.Count);

    protected override Task WriteAsync(List<object?[]> rows, CancellationToken cancellationToken)
    {
        var size = RowsPerStatement;
        var index = 0;
        while (index < rows.Count)
        {
            var count = Math.Min(size, rows.Count - index);
            var command = CommandFor(count);
            var parameters = command.Parameters;
            var p = 0;
            for (var r = 0; r < count; r++)
            {
                var row = rows[index + r];
                for (var c = 0; c < Columns.Count; c++)
                {
                    parameters[p++].Value = SqliteValue(row[c], Columns[c].Kind);
                }
            }

            command.ExecuteNonQuery();
            index += count;
        }

        return Task.CompletedTask;
    }

    private SqliteCommand CommandFor(int rows)
    {
        if (_commands.TryGetValue(rows, out var existing))
        {
            return existing;
        }

        var command = connection.CreateCommand();
        command.Transaction = transaction;
        var sql = new System.Text.StringBuilder($"INSERT INTO {Quote(Table)} ({string.Join(", ", Columns.Select(c => Quote(c.Name)))}) VALUES ");
        var n = 0;
        for (var r = 0; r < rows; r++)
        {
            sql.Append(r == 0 ? "(" : ", (");
            for (var c = 0; c < Columns.Count; c++)
            {
                var name = "$p" + n++.ToString(CultureInfo.InvariantCulture);
                sql.Append(c == 0 ? name : ", " + name);
                command.Parameters.Add(new SqliteParameter { ParameterName = name });
            }

            sql.Append(')');
        }

#pragma warning disable CA2100 // Built from the fixed column names above, values are parameters.
        command.CommandText = sql.ToString();
#pragma warning restore CA2100
        command.Prepare();
        _commands[rows] = command;
        return command;
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
