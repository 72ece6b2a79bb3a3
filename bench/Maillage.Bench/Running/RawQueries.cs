using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Npgsql;

namespace Maillage.Bench.Running;

/// <summary>A SQL command as the app sent it: text and parameter values.</summary>
public sealed record CapturedCommand(string Sql, IReadOnlyList<DbParameter> Parameters);

/// <summary>
/// Records the commands EF Core sends while <see cref="Enabled"/>, so that the exact SQL of a directory page (with
/// its parameters, arrays included) can be replayed raw through ADO.NET as the baseline of the page's time.
/// </summary>
public sealed class CommandCapture : DbCommandInterceptor
{
    private readonly List<CapturedCommand> _commands = [];

    public bool Enabled { get; set; }

    public IReadOnlyList<CapturedCommand> Take()
    {
        var taken = _commands.ToList();
        _commands.Clear();
        return taken;
    }

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        Record(command);
        return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
    }

    public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<object> result, CancellationToken cancellationToken = default)
    {
        Record(command);
        return base.ScalarExecutingAsync(command, eventData, result, cancellationToken);
    }

    public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
    {
        Record(command);
        return base.ReaderExecuting(command, eventData, result);
    }

    private void Record(DbCommand command)
    {
        if (!Enabled || command.CommandText.StartsWith("PRAGMA", StringComparison.Ordinal))
        {
            return;
        }

        var parameters = command.Parameters.Cast<DbParameter>().Select(Clone).ToList();
        _commands.Add(new CapturedCommand(command.CommandText, parameters));
    }

    internal static DbParameter Clone(DbParameter parameter) => parameter switch
    {
        NpgsqlParameter npgsql => npgsql.Clone(),
        // EF Core stores GUIDs as upper-case text on SQLite; a bare Guid value would be bound as a blob and match nothing.
        SqliteParameter { Value: Guid guid } sqlite => new SqliteParameter(sqlite.ParameterName, guid.ToString().ToUpperInvariant()) { SqliteType = SqliteType.Text },
        SqliteParameter sqlite => new SqliteParameter(sqlite.ParameterName, sqlite.Value ?? DBNull.Value),
        _ => throw new NotSupportedException(parameter.GetType().Name),
    };
}

/// <summary>Replays captured commands on a connection of its own, reading every value of every row, as the app would.</summary>
public static class RawReplay
{
    /// <summary>Runs the commands; returns, for each, its first value (a count) and its number of rows.</summary>
    public static async Task<IReadOnlyList<(object? First, int Rows)>> RunAsync(DbConnection connection, IReadOnlyList<CapturedCommand> commands,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(commands);
        var results = new List<(object?, int)>();
        foreach (var captured in commands)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = captured.Sql;
            foreach (var parameter in captured.Parameters)
            {
                command.Parameters.Add(CommandCapture.Clone(parameter));
            }

            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            object? first = null;
            var rows = 0;
            while (await reader.ReadAsync(cancellationToken))
            {
                for (var i = 0; i < reader.FieldCount; i++)
                {
                    var value = reader.GetValue(i);
                    if (rows == 0 && i == 0)
                    {
                        first = value;
                    }
                }

                rows++;
            }

            results.Add((first, rows));
        }

        return results;
    }
}
