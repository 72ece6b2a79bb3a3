using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Maillage.Data;

/// <summary>
/// SQLite reads the database through a memory map instead of one read() call per page: about a third faster on a
/// directory of a million actors (see docs/decisions/0006-actors.md). The setting belongs to each connection.
/// </summary>
public sealed class SqliteTuning : DbConnectionInterceptor
{
    /// <summary>Address space, not memory: SQLite caps it at 2 GiB; pages come from the system's file cache.</summary>
    public const string Pragma = "PRAGMA mmap_size = 2147418112;";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        ArgumentNullException.ThrowIfNull(connection);
        using var command = connection.CreateCommand();
        command.CommandText = Pragma;
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        await using var command = connection.CreateCommand();
        command.CommandText = Pragma;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
