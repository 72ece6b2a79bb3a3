using System.Net;
using System.Net.Http.Headers;
using Maillage.Accounts;
using Maillage.Data;
using Maillage.Territories;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.Extensions.DependencyInjection;

namespace Maillage.Tests.Infrastructure;

/// <summary>
/// The real app over HTTP, on its own fresh database. It migrates at start like the real one, and an installation
/// administrator exists unless the test asks for a first start.
/// </summary>
public class MaillageApp : WebApplicationFactory<Program>, IAsyncLifetime
{
    public const string Password = "motdepasse-solide";

    private static int _clients;
    private readonly DatabaseKind _kind;
    private readonly bool _ownsDatabase;
    private readonly bool _withAdministrator;
    private TestDatabase? _database;
    private TestUser? _administrator;

    protected MaillageApp(DatabaseKind kind)
        : this(kind, null, ownsDatabase: true, withAdministrator: true)
    {
    }

    /// <summary>An app on an existing database (a restart, a database prepared by hand or by the command line).</summary>
    public MaillageApp(TestDatabase database, bool withAdministrator = true)
        : this(database.Kind, database, ownsDatabase: false, withAdministrator)
    {
    }

    private MaillageApp(DatabaseKind kind, TestDatabase? database, bool ownsDatabase, bool withAdministrator)
    {
        _kind = kind;
        _database = database;
        _ownsDatabase = ownsDatabase;
        _withAdministrator = withAdministrator;
    }

    public DatabaseKind Kind => _kind;

    public TestDatabase Database => _database ?? throw new InvalidOperationException("L'application de test n'est pas initialisée.");

    public TestUser Administrator => _administrator ?? throw new InvalidOperationException("Cette application de test n'a pas d'administrateur.");

    /// <summary>An app that owns a new database; dispose it.</summary>
    public static async Task<MaillageApp> StartAsync(DatabaseKind kind, bool withAdministrator = true)
    {
        var database = await TestDatabase.CreateAsync(kind, TestContext.Current.CancellationToken);
        var app = new MaillageApp(kind, database, ownsDatabase: true, withAdministrator);
        await app.InitializeAsync();
        return app;
    }

    public async ValueTask InitializeAsync()
    {
        _database ??= await TestDatabase.CreateAsync(_kind, TestContext.Current.CancellationToken);
        StartServer();
        if (_withAdministrator)
        {
            _administrator = await CreateUserAsync("admin", administrator: true);
        }
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Production");
        foreach (var (key, value) in Database.Settings)
        {
            builder.UseSetting(key, value);
        }

        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        builder.UseSetting("Logging:LogLevel:Microsoft.AspNetCore", "Error");
        builder.UseDefaultServiceProvider(options =>
        {
            options.ValidateScopes = true;
            options.ValidateOnBuild = true;
        });
        builder.ConfigureServices(services => services.AddTransient<IStartupFilter, TestClientAddress>());
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (_ownsDatabase)
        {
            _database?.DeleteFiles();
        }

        GC.SuppressFinalize(this);
    }

    /// <summary>
    /// A browser: keeps cookies, does not follow redirects, and comes from its own IP address
    /// (the login rate limit counts per address).
    /// </summary>
    public HttpClient CreateBrowser(CookieContainer? cookies = null)
    {
        var client = CreateDefaultClient(new Uri("http://localhost"), new CookieContainerHandler(cookies ?? new CookieContainer()));
        var n = Interlocked.Increment(ref _clients);
        client.DefaultRequestHeaders.Add(TestClientAddress.Header, $"10.{(n >> 16) & 255}.{(n >> 8) & 255}.{n & 255}");
        return client;
    }

    /// <summary>A client of the JSON API authenticated by a personal access token.</summary>
    public HttpClient CreateApiClient(string token)
    {
        var client = CreateBrowser();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    public async Task<HttpClient> LoginAsync(TestUser user)
    {
        var browser = CreateBrowser();
        await browser.LoginAsync(user.Email, user.Password);
        return browser;
    }

    public async Task<TestUser> CreateUserAsync(string label = "membre", bool administrator = false)
    {
        var email = $"{label}-{Guid.NewGuid():N}@exemple.fr";
        using var scope = Services.CreateScope();
        var user = await AccountCommands.CreateAsync(scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>(),
            scope.ServiceProvider.GetRequiredService<TimeProvider>(), email, Password, administrator);
        return new TestUser(user.Id, email, Password);
    }

    public async Task<string> CreateTokenAsync(TestUser user, string name = "tests")
    {
        await using var scope = Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var (token, secret) = PersonalAccessToken.Create(user.Id, name, DateTime.UtcNow);
        db.PersonalAccessTokens.Add(token);
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        return secret;
    }

    /// <summary>A territory of Charenton-le-Pont and Saint-Maurice with the given members.</summary>
    public async Task<SeededTerritory> SeedTerritoryAsync(params (TestUser User, TerritoryRole Role)[] members)
    {
        await using var scope = Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var territory = new Territory($"Territoire {Guid.NewGuid():N}", "Territoire d'essai", Perimeter.Parse("94018 94069"));
        var memberIds = new Dictionary<string, Guid>();
        foreach (var (user, role) in members)
        {
            memberIds[user.Id] = territory.AddMember(user.Id, role).Id;
        }

        db.Territories.Add(territory);
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        return new SeededTerritory(territory.Id, territory.Name, memberIds);
    }

    /// <summary>Runs <paramref name="work"/> with a fresh <see cref="AppDbContext"/> of the app.</summary>
    public async Task<T> WithDbAsync<T>(Func<AppDbContext, Task<T>> work)
    {
        await using var scope = Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<AppDbContext>());
    }

    public async Task WithScopeAsync(Func<IServiceProvider, Task> work)
    {
        await using var scope = Services.CreateAsyncScope();
        await work(scope.ServiceProvider);
    }
}

public sealed record TestUser(string Id, string Email, string Password);

public sealed record SeededTerritory(Guid Id, string Name, IReadOnlyDictionary<string, Guid> MemberIds)
{
    public Guid MemberIdOf(TestUser user) => MemberIds[user.Id];
}

/// <summary>One app on a fresh SQLite file for the whole test class.</summary>
public sealed class SqliteApp() : MaillageApp(DatabaseKind.Sqlite);

/// <summary>One app on a fresh PostgreSQL database for the whole test class.</summary>
public sealed class PostgresApp() : MaillageApp(DatabaseKind.PostgreSql);
