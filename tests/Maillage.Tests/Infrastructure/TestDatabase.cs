using Npgsql;

namespace Maillage.Tests.Infrastructure;

public enum DatabaseKind
{
    Sqlite,
    PostgreSql,
}

/// <summary>
/// A fresh, empty database of one kind: a SQLite file in its own temporary data directory, or a uniquely named
/// database on the throwaway PostgreSQL server started by <c>scripts/test</c>.
/// </summary>
public sealed class TestDatabase
{
    public const string PostgresVariable = "MAILLAGE_TEST_POSTGRES";

    private TestDatabase(DatabaseKind kind, string dataDirectory, string? postgresConnectionString)
    {
        Kind = kind;
        DataDirectory = dataDirectory;
        PostgresConnectionString = postgresConnectionString;
    }

    public DatabaseKind Kind { get; }

    /// <summary>The app's data directory; holds the SQLite file when the database is SQLite.</summary>
    public string DataDirectory { get; }

    public string? PostgresConnectionString { get; }

    /// <summary>The settings that point the app at this database, as Program reads them.</summary>
    public IReadOnlyDictionary<string, string> Settings => Kind == DatabaseKind.PostgreSql
        ? new Dictionary<string, string>
        {
            ["Maillage:DataDirectory"] = DataDirectory,
            ["Maillage:Database:Provider"] = "PostgreSql",
            ["ConnectionStrings:Maillage"] = PostgresConnectionString!,
        }
        : new Dictionary<string, string>
        {
            ["Maillage:DataDirectory"] = DataDirectory,
            ["Maillage:Database:Provider"] = "Sqlite",
        };

    /// <summary>The server connection string without a database; fails (never skips) outside <c>scripts/test</c>.</summary>
    public static string PostgresServer =>
        Environment.GetEnvironmentVariable(PostgresVariable) is { Length: > 0 } server
            ? server
            : throw new InvalidOperationException(
                $"La variable {PostgresVariable} n'est pas définie : les tests PostgreSQL ont besoin du serveur jetable " +
                "que démarre scripts/test. Lancez « scripts/test » (ou « scripts/test --filter … ») au lieu de « dotnet test ».");

    public static async Task<TestDatabase> CreateAsync(DatabaseKind kind, CancellationToken cancellationToken = default)
    {
        var dataDirectory = Directory.CreateTempSubdirectory("maillage-tests-").FullName;
        if (kind == DatabaseKind.Sqlite)
        {
            return new TestDatabase(kind, dataDirectory, null);
        }

        var server = PostgresServer;
        var name = "maillage_t_" + Guid.NewGuid().ToString("N");
        await using (var connection = new NpgsqlConnection(server))
        {
            await connection.OpenAsync(cancellationToken);
            await using var create = connection.CreateCommand();
            create.CommandText = $"CREATE DATABASE \"{name}\"";
            await create.ExecuteNonQueryAsync(cancellationToken);
        }

        var connectionString = new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString;
        return new TestDatabase(kind, dataDirectory, connectionString);
    }

    /// <summary>A SQLite data directory filled by something else, such as the command line.</summary>
    public static TestDatabase Existing(DatabaseKind kind, string dataDirectory) =>
        kind == DatabaseKind.Sqlite
            ? new TestDatabase(kind, dataDirectory, null)
            : throw new NotSupportedException("Seul un dossier de données SQLite existant peut être repris.");

    /// <summary>Removes the data directory; PostgreSQL databases go with the throwaway cluster.</summary>
    public void DeleteFiles()
    {
        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A file still held by a pooled connection: the temporary directory is cleaned by the system.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
