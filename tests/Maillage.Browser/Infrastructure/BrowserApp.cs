using Maillage.Accounts;
using Maillage.Data;
using Maillage.Territories;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace Maillage.Browser.Infrastructure;

/// <summary>
/// The real app on a real port (Kestrel, not the in-memory test server) so that Chromium can reach it,
/// with a fresh SQLite database in a temporary data directory: no administrator exists until a journey
/// or <see cref="CreateAccountAsync"/> creates one.
/// </summary>
public class BrowserApp : WebApplicationFactory<Program>, IAsyncLifetime
{
    private readonly string _dataDirectory = Directory.CreateTempSubdirectory("maillage-browser-").FullName;

    public BrowserApp() => UseKestrel(0);

    /// <summary>The address the app listens on, like <c>http://127.0.0.1:41234</c>.</summary>
    public Uri BaseAddress { get; private set; } = null!;

    public virtual ValueTask InitializeAsync()
    {
        StartServer();
        var addresses = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses
            ?? throw new InvalidOperationException("Kestrel n'indique pas son adresse.");
        BaseAddress = new Uri(addresses.First());
        return ValueTask.CompletedTask;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Production");
        builder.UseSetting("Maillage:DataDirectory", _dataDirectory);
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
    }

    /// <summary>Creates an account directly, as the shell command <c>admin create</c> would, for journeys that start signed out.</summary>
    public async Task<Person> CreateAccountAsync(string name, bool administrator)
    {
        var person = Person.Unique(name);
        using var scope = Services.CreateScope();
        await AccountCommands.CreateAsync(scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>(),
            TimeProvider.System, person.Email, person.Password, administrator, person.DisplayName);
        if (administrator)
        {
            scope.ServiceProvider.GetRequiredService<SetupState>().AdministratorCreated();
        }

        return person;
    }

    /// <summary>A territory made directly in the database, for journeys about what happens once it exists.</summary>
    public async Task<Guid> CreateTerritoryAsync(string name, string description, params string[] perimeterCodes)
    {
        using var scope = Services.CreateScope();
        var perimeter = scope.ServiceProvider.GetRequiredService<PerimeterResolver>().Resolve(perimeterCodes);
        var territory = new Territory(name, description, perimeter);
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        db.Territories.Add(territory);
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        return territory.Id;
    }

    /// <summary>Makes an existing account a member of a territory with a role, as its administrator would.</summary>
    public async Task AddMemberAsync(Guid territoryId, Person person, TerritoryRole role)
    {
        using var scope = Services.CreateScope();
        await Members.AddAsync(scope.ServiceProvider.GetRequiredService<AppDbContext>(), territoryId, person.Email, role,
            TestContext.Current.CancellationToken);
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open only leaves a temporary directory behind.
        }

        GC.SuppressFinalize(this);
    }
}

/// <summary>Someone who uses Maillage in a journey; the email is unique so that journeys never collide.</summary>
public sealed record Person(string DisplayName, string Email, string Password)
{
    public static Person Unique(string displayName)
    {
        var id = Guid.NewGuid().ToString("N")[..10];
        var local = new string(displayName.ToLowerInvariant().Where(char.IsAsciiLetter).ToArray());
        return new Person(displayName, $"{local}.{id}@exemple.fr", $"Maillage-{id}-secret");
    }
}
