using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Maillage.Data;

public enum DatabaseProvider
{
    Sqlite,
    PostgreSql,
}

public sealed class MaillageOptions
{
    public const string Section = "Maillage";

    /// <summary>Where the SQLite file (and nothing else) is kept; <c>--data-dir</c> or <c>Maillage__DataDirectory</c>.</summary>
    public string DataDirectory { get; set; } = "data";

    public DatabaseOptions Database { get; set; } = new();
}

public sealed class DatabaseOptions
{
    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;
}

public static class DatabaseSetup
{
    public static IServiceCollection AddMaillageDatabase(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection(MaillageOptions.Section).Get<MaillageOptions>() ?? new MaillageOptions();
        var connectionString = configuration.GetConnectionString("Maillage");
        services.AddSingleton<AuditingInterceptor>();
        services.AddDbContext<AppDbContext>((sp, db) =>
        {
            if (options.Database.Provider == DatabaseProvider.PostgreSql)
            {
                if (string.IsNullOrWhiteSpace(connectionString))
                {
                    throw new InvalidOperationException(
                        "PostgreSQL est choisi (Maillage__Database__Provider=PostgreSql) mais la chaîne de connexion ConnectionStrings__Maillage est vide.");
                }

                db.UseNpgsql(connectionString, npgsql => npgsql.MigrationsHistoryTable("__EFMigrationsHistory"));
            }
            else
            {
                db.UseSqlite(connectionString ?? SqliteConnectionString(options.DataDirectory));
                db.AddInterceptors(new SqliteTuning());
            }

            db.AddInterceptors(sp.GetRequiredService<AuditingInterceptor>());

            // Migrations are written by hand without a model snapshot; the schema is compared with the model by a test instead.
            // The directory counts its matches up to a cap with Take and no OrderBy, on purpose: ordering a count
            // would sort every match.
            db.ConfigureWarnings(w => w.Ignore(RelationalEventId.PendingModelChangesWarning, CoreEventId.RowLimitingOperationWithoutOrderByWarning));
        });
        return services;
    }

    public static string SqliteConnectionString(string dataDirectory)
    {
        var directory = Path.GetFullPath(dataDirectory);
        Directory.CreateDirectory(directory);
        return $"Data Source={Path.Combine(directory, "maillage.db")};Cache=Shared;Foreign Keys=True;Pooling=True";
    }

    public static async Task MigrateAsync(IServiceProvider services, CancellationToken cancellationToken = default)
    {
        using var scope = services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        await db.Database.MigrateAsync(cancellationToken);
        if (db.Database.IsSqlite())
        {
            // WAL lets readers go on while one writer works; the setting is kept in the file.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        }
    }
}
