using System.Data.Common;
using System.Diagnostics;
using System.Net.Http.Headers;
using Maillage.Accounts;
using Maillage.Actors;
using Maillage.Bench.Generation;
using Maillage.Bench.Loading;
using Maillage.Data;
using Maillage.Territories;
using Maillage.Territories.Reference;
using Microsoft.AspNetCore.Identity;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Maillage.Bench.Running;

public enum BenchProvider
{
    Sqlite,
    PostgreSql,
}

/// <summary>How long and how hard each scenario measures.</summary>
public sealed record BenchSettings
{
    /// <summary>Timed requests per directory query (after 3 warm-up requests), each beside one raw replay.</summary>
    public int Runs { get; init; } = 30;

    /// <summary>Actor pages requested (distinct actors drawn from the generated ones).</summary>
    public int ActorPages { get; init; } = 100;

    public int Clients { get; init; } = 32;
    public TimeSpan LoadDuration { get; init; } = TimeSpan.FromSeconds(10);
    public int Seed { get; init; } = GeneratorOptions.DefaultSeed;
    public string Departement { get; init; } = GeneratorOptions.DefaultDepartement;

    /// <summary>Relations per actor (null: the generator's own, about 1.95); 3 gives issue 5's 300,000 relations at 100,000 actors.</summary>
    public double? RelationsPerActor { get; init; }

    /// <summary>Actors placed on the measured cible: as many as a cible may hold by default.</summary>
    public int CibleActors { get; init; } = Cibles.Cible.MaxActors;

    /// <summary>Timed requests of the network metrics and of the map's graph (they read the whole network).</summary>
    public int NetworkRuns { get; init; } = 10;

    /// <summary>Leave the generated territory in place after the run (SQLite directory or PostgreSQL database), to query it by hand.</summary>
    public bool KeepData { get; init; }

    public GeneratorOptions Generator(int actors) =>
        new() { Actors = actors, Departement = Departement, Seed = Seed, RelationsPerActor = RelationsPerActor };
}

/// <summary>
/// One database of one kind filled with one generated territory, the app's real server process started on it and
/// an HTTP client authenticated by a personal access token of a Pilote of the territory: what every scenario measures.
/// </summary>
public sealed class BenchTarget : IAsyncDisposable
{
    public const string UserEmail = "pilote.banc@exemple.fr";
    public const string UserPassword = "Banc-d-essai-2026-phrase-secrete";
    private const string Password = UserPassword;

    private readonly string? _serverConnectionString;
    private readonly string? _database;
    private readonly List<string> _errors = [];
    private string _token = "";

    private BenchTarget(BenchProvider provider, int actors, BenchSettings settings, AppLauncher launcher, string dataDirectory,
        string? serverConnectionString, string? database, ServiceProvider services, CommandCapture capture)
    {
        Provider = provider;
        Actors = actors;
        Settings = settings;
        Launcher = launcher;
        DataDirectory = dataDirectory;
        _serverConnectionString = serverConnectionString;
        _database = database;
        Services = services;
        Capture = capture;
    }

    public BenchProvider Provider { get; }
    public string ProviderName => Provider == BenchProvider.Sqlite ? "SQLite" : "PostgreSQL";
    public int Actors { get; }
    public BenchSettings Settings { get; }
    public AppLauncher Launcher { get; }
    public string DataDirectory { get; }
    public ServiceProvider Services { get; }
    public CommandCapture Capture { get; }
    public InseeReference Reference { get; private init; } = null!;
    public Guid TerritoryId { get; private set; }
    public GeneratedSample Sample { get; private set; } = null!;
    public BulkLoad Load { get; private set; } = null!;
    public TimeSpan Analyze { get; private set; }
    public TimeSpan HelpCommand { get; private set; }
    public AppProcess App { get; private set; } = null!;
    public HttpClient Client { get; private set; } = null!;

    /// <summary>What went wrong during the scenarios (HTTP errors under load…): a run with errors fails.</summary>
    public IReadOnlyList<string> Errors => _errors;

    public IReadOnlyDictionary<string, string> AppSettings { get; private set; } = new Dictionary<string, string>();

    public void Fail(string error) => _errors.Add($"{ProviderName}, {Actors:N0} acteurs : {error}");

    public Measure Measure(string scenario, string metric, double value, string unit, string baseline, double? baselineValue, string? note = null) =>
        new(ProviderName, Actors, scenario, metric, value, unit, baseline, baselineValue, note);

    public static async Task<BenchTarget> PrepareAsync(BenchProvider provider, int actors, BenchSettings settings, AppLauncher launcher,
        string? postgresServer, Action<string> log, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(launcher);
        ArgumentNullException.ThrowIfNull(log);
        var dataDirectory = Directory.CreateTempSubdirectory("maillage-bench-").FullName;
        var appSettings = new Dictionary<string, string>
        {
            ["Maillage:DataDirectory"] = dataDirectory,
            ["Maillage:ServerTiming"] = "true",
        };
        string? database = null;
        if (provider == BenchProvider.PostgreSql)
        {
            ArgumentException.ThrowIfNullOrEmpty(postgresServer);
            database = "maillage_bench_" + Guid.NewGuid().ToString("N")[..10];
            await using (var server = new NpgsqlConnection(postgresServer))
            {
                await server.OpenAsync(cancellationToken);
                await using var create = new NpgsqlCommand($"CREATE DATABASE \"{database}\"", server);
                await create.ExecuteNonQueryAsync(cancellationToken);
            }

            appSettings["Maillage:Database:Provider"] = "PostgreSql";
            appSettings["ConnectionStrings:Maillage"] = new NpgsqlConnectionStringBuilder(postgresServer) { Database = database }.ConnectionString;
        }

        var capture = new CommandCapture();
        var reference = InseeReference.LoadEmbedded();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(appSettings.Select(kv => KeyValuePair.Create(kv.Key, (string?)kv.Value))).Build();
        var services = new ServiceCollection()
            .AddSingleton(TimeProvider.System)
            .AddSingleton(reference) // the import's measurement (ImportMeasurement) resolves it, as the app does
            .AddHttpContextAccessor()
            .AddLogging()
            .AddMaillageDatabase(configuration)
            .AddMaillageAccounts()
            .ConfigureDbContext<AppDbContext>(db => db.AddInterceptors(capture))
            .BuildServiceProvider();
        var target = new BenchTarget(provider, actors, settings, launcher, dataDirectory, postgresServer, database, services, capture)
        {
            AppSettings = appSettings,
            Reference = reference,
        };
        try
        {
            await target.FillAsync(log, cancellationToken);
            return target;
        }
        catch
        {
            await target.DisposeAsync();
            throw;
        }
    }

    private async Task FillAsync(Action<string> log, CancellationToken cancellationToken)
    {
        await DatabaseSetup.MigrateAsync(Services, cancellationToken);
        var generator = new TerritoryGenerator(Settings.Generator(Actors), Reference);
        await using (var scope = Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            db.Database.SetCommandTimeout(BulkLoader.LongCommand);
            Load = await BulkLoader.LoadAsync(db, generator.Tables(), cancellationToken);
            var analyze = Stopwatch.StartNew();
            await db.Database.ExecuteSqlRawAsync(Provider == BenchProvider.Sqlite ? "ANALYZE" : "VACUUM ANALYZE", cancellationToken);
            Analyze = analyze.Elapsed;
        }

        TerritoryId = generator.Territory.Id;
        Sample = generator.Sample();
        log($"  insertion brute : {Load.Rows:N0} lignes en {Load.Elapsed.TotalSeconds:F1} s ({string.Join(", ", Load.Tables.Select(t => $"{t.Label} {t.Rows:N0}"))}), ANALYZE {Analyze.TotalSeconds:F1} s");

        // Accounts as the app's "admin create", "user create" and "token create" commands make them (same code, in-process).
        await using (var scope = Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            await AccountCommands.CreateAsync(users, TimeProvider.System, "admin.banc@exemple.fr", Password, administrator: true);
            var user = await AccountCommands.CreateAsync(users, TimeProvider.System, UserEmail, Password, administrator: false);
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var (token, secret) = PersonalAccessToken.Create(user.Id, "banc d'essai", DateTime.UtcNow);
            db.PersonalAccessTokens.Add(token);
            await db.SaveChangesAsync(cancellationToken);
            await Members.AddAsync(db, TerritoryId, UserEmail, TerritoryRole.Pilote, cancellationToken);
            _token = secret;
        }

        HelpCommand = (await Launcher.RunCommandAsync(AppSettings, "help")).Elapsed;
        App = await Launcher.StartAsync(AppSettings, cancellationToken);
        log($"  serveur prêt en {App.StartUp.TotalMilliseconds:F0} ms sur {App.BaseAddress}");
        Client = new HttpClient(new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseCookies = false,
            MaxConnectionsPerServer = Math.Max(64, Settings.Clients * 2),
            PooledConnectionLifetime = TimeSpan.FromMinutes(30),
        })
        {
            BaseAddress = App.BaseAddress,
            Timeout = TimeSpan.FromMinutes(2),
        };
        Client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", _token);
    }

    /// <summary>A connection of the bench's own on the same database, for the raw SQL baselines.</summary>
    public async Task<DbConnection> OpenRawConnectionAsync(CancellationToken cancellationToken)
    {
        DbConnection connection = Provider == BenchProvider.Sqlite
            ? new SqliteConnection(DatabaseSetup.SqliteConnectionString(DataDirectory))
            : new NpgsqlConnection(AppSettings["ConnectionStrings:Maillage"]);
        await connection.OpenAsync(cancellationToken);
        if (connection is SqliteConnection)
        {
            await using var pragma = connection.CreateCommand();
            pragma.CommandText = SqliteTuning.Pragma; // as the app's connections
            await pragma.ExecuteNonQueryAsync(cancellationToken);
        }

        return connection;
    }

    /// <summary>The commands the app's directory sends for this query, captured in-process.</summary>
    public Task<(IReadOnlyList<CapturedCommand> Commands, DirectoryPage Page)> DirectoryCommandsAsync(DirectoryQuery query, CancellationToken cancellationToken) =>
        CaptureAsync(db => new ActorDirectory(db, Reference).SearchAsync(TerritoryId, query, cancellationToken));

    /// <summary>The commands the app's own code sends while <paramref name="read"/> runs in-process (and what it read).</summary>
    public async Task<(IReadOnlyList<CapturedCommand> Commands, T Result)> CaptureAsync<T>(Func<AppDbContext, Task<T>> read)
    {
        ArgumentNullException.ThrowIfNull(read);
        await using var scope = Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        Capture.Take();
        Capture.Enabled = true;
        T result;
        try
        {
            result = await read(db);
        }
        finally
        {
            Capture.Enabled = false;
        }

        return (Capture.Take(), result);
    }

    /// <summary>More rows loaded raw (one transaction) after the territory: a cible, the import's territories…</summary>
    public async Task<BulkLoad> LoadMoreAsync(IReadOnlyList<BulkTable> tables, CancellationToken cancellationToken)
    {
        await using var scope = Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        db.Database.SetCommandTimeout(BulkLoader.LongCommand);
        return await BulkLoader.LoadAsync(db, tables, cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        Client?.Dispose();
        if (App is not null)
        {
            await App.DisposeAsync();
        }

        await Services.DisposeAsync();
        SqliteConnection.ClearAllPools();
        NpgsqlConnection.ClearAllPools();
        if (Settings.KeepData)
        {
            Console.WriteLine(_database is null ? $"  données conservées : {DataDirectory}" : $"  base conservée : {_database}");
            return;
        }

        if (_database is not null)
        {
            await using var server = new NpgsqlConnection(_serverConnectionString);
            await server.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{_database}\" WITH (FORCE)", server);
            await drop.ExecuteNonQueryAsync();
        }

        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A file still open only leaves a temporary directory behind.
        }
    }
}
