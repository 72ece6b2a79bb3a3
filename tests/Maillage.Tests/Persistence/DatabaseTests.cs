using System.Globalization;
using System.Net;
using Maillage.Accounts;
using Maillage.Data;
using Maillage.Tests.Infrastructure;
using Maillage.Territories;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Maillage.Tests.Persistence;

public abstract class DatabaseTests(MaillageApp app)
{
    private const string FirstMigration = "20261122000100_Initial";

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Migrated_schema_matches_the_EF_model()
    {
        var differences = await app.WithDbAsync(async db =>
            SchemaReader.Compare(SchemaReader.FromModel(db), await SchemaReader.FromDatabaseAsync(db, Cancellation)));

        differences.ShouldBeNone($"Le schéma créé par les migrations ({app.Kind}) diffère du modèle EF ; écrivez la migration qui manque");
    }

    [Fact]
    public async Task Migrated_schema_comparison_sees_a_missing_column()
    {
        // The comparison itself must be able to fail: drop a column from what the database says and look for it.
        var (model, database) = await app.WithDbAsync(async db => (SchemaReader.FromModel(db), await SchemaReader.FromDatabaseAsync(db, Cancellation)));
        var territories = database["Territories"];
        var altered = new Dictionary<string, TableShape>(database)
        {
            ["Territories"] = territories with { Columns = territories.Columns.Where(c => c.Key != "Name").ToDictionary() },
        };

        SchemaReader.Compare(model, altered).ShouldContain(d => d.StartsWith("Territories.Name : colonne absente", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Database_created_by_an_older_migration_upgrades_with_its_data()
    {
        var database = await TestDatabase.CreateAsync(app.Kind, Cancellation);
        try
        {
            var configuration = new ConfigurationBuilder()
                .AddInMemoryCollection(database.Settings.Select(s => KeyValuePair.Create(s.Key, (string?)s.Value)))
                .Build();
            await using var services = new ServiceCollection()
                .AddSingleton(TimeProvider.System)
                .AddHttpContextAccessor()
                .AddMaillageDatabase(configuration)
                .BuildServiceProvider();
            var old = OldData.Create(app.Kind);
            await using (var scope = services.CreateAsyncScope())
            {
                var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
                await db.GetService<IMigrator>().MigrateAsync(FirstMigration, Cancellation);
                (await db.Database.GetAppliedMigrationsAsync(Cancellation)).ShouldBe([FirstMigration]);
                await SchemaReader.ExecuteAsync(db, old.InsertSql, Cancellation);
            }

            // The app migrates to the latest version when it starts, as it does for a person who updates it.
            await using var upgraded = new MaillageApp(database, withAdministrator: false);
            await upgraded.InitializeAsync();

            await upgraded.WithScopeAsync(async services =>
            {
                var db = services.GetRequiredService<AppDbContext>();
                (await db.Database.GetAppliedMigrationsAsync(Cancellation)).ShouldBe(db.Database.GetMigrations());

                var users = services.GetRequiredService<UserManager<AppUser>>();
                var user = (await users.FindByEmailAsync(old.Email)).ShouldNotBeNull("le compte inséré par l'ancienne migration a disparu");
                user.Id.ShouldBe(old.UserId);
                user.DisplayName.ShouldBe("Camille Ancienne");
                user.IsAdministrator.ShouldBeTrue();
                user.CreatedAt.ShouldBe(OldData.At);
                (await users.CheckPasswordAsync(user, MaillageApp.Password)).ShouldBeTrue("le mot de passe haché doit rester valable");

                var territory = await db.Territories.Include(t => t.Members).AsNoTracking().SingleAsync(t => t.Id == old.TerritoryId, Cancellation);
                territory.Name.ShouldBe("Territoire d'avant");
                territory.Description.ShouldBe("Créé par la première migration");
                territory.PerimeterCodes.ShouldBe("94018 94069");
                territory.Version.ShouldBe(3);
                territory.CreatedAt.ShouldBe(OldData.At);
                territory.CreatedBy.ShouldBe(old.Email);
                var member = territory.Members.ShouldHaveSingleItem();
                member.Id.ShouldBe(old.MemberId);
                member.UserId.ShouldBe(old.UserId);
                member.Role.ShouldBe(TerritoryRole.Pilote);

                var entry = await db.AuditEntries.AsNoTracking().SingleAsync(a => a.EntityKey == old.TerritoryId.ToString(), Cancellation);
                entry.TerritoryId.ShouldBe(old.TerritoryId);
                entry.EntityType.ShouldBe(nameof(Territory));
                entry.Action.ShouldBe(AuditAction.Updated);
                entry.Version.ShouldBe(3);
                entry.At.ShouldBe(OldData.At);
                entry.UserName.ShouldBe(old.Email);
                entry.Changes.ShouldContain("Territoire d'avant");
            });
        }
        finally
        {
            database.DeleteFiles();
        }
    }

    [Fact]
    public async Task Data_protection_keys_survive_a_restart()
    {
        var user = await app.CreateUserAsync("redemarrage");
        var cookies = new CookieContainer();
        await app.CreateBrowser(cookies).LoginAsync(user.Email, user.Password);
        var cookie = cookies.GetCookies(new Uri("http://localhost"))["maillage"].ShouldNotBeNull("la connexion doit poser le cookie « maillage »");
        (await app.WithDbAsync(db => db.DataProtectionKeys.CountAsync(Cancellation))).ShouldBeGreaterThan(0);

        await using var restarted = new MaillageApp(app.Database, withAdministrator: false);
        await restarted.InitializeAsync();
        var sameCookie = new CookieContainer();
        sameCookie.Add(new Cookie("maillage", cookie.Value, "/", "localhost"));
        var response = await restarted.CreateBrowser(sameCookie).GetAsync("/", Cancellation);

        response.StatusCode.ShouldBe(HttpStatusCode.OK, $"après redémarrage, le cookie n'est plus reconnu : {response.Describe()}");
        (await response.Content.ReadAsStringAsync(Cancellation)).ShouldContain(user.Email);
    }

    /// <summary>Rows written with the SQL of the first migration's schema, in each provider's own storage format.</summary>
    private sealed record OldData(string UserId, string Email, Guid TerritoryId, Guid MemberId, string InsertSql)
    {
        public static readonly DateTime At = new(2026, 3, 1, 9, 30, 0, DateTimeKind.Utc);

        public static OldData Create(DatabaseKind kind)
        {
            var sqlite = kind == DatabaseKind.Sqlite;
            string Text(string? value) => value is null ? "NULL" : "'" + value.Replace("'", "''", StringComparison.Ordinal) + "'";
            string Id(Guid value) => Text(sqlite ? value.ToString().ToUpperInvariant() : value.ToString());
            string Bool(bool value) => sqlite ? (value ? "1" : "0") : (value ? "TRUE" : "FALSE");
            var at = Text(At.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) + (sqlite ? "" : "+00"));

            var userId = Guid.NewGuid().ToString();
            var email = $"ancien-{Guid.NewGuid():N}@exemple.fr";
            var territoryId = Guid.NewGuid();
            var memberId = Guid.NewGuid();
            var hash = new PasswordHasher<AppUser>().HashPassword(new AppUser(), MaillageApp.Password);
            var changes = """[{"Property":"Name","Before":"Ancien nom","After":"Territoire d'avant"}]""";
            var sql = $"""
                INSERT INTO "AspNetUsers" ("Id", "DisplayName", "IsAdministrator", "CreatedAt", "UserName", "NormalizedUserName", "Email",
                    "NormalizedEmail", "EmailConfirmed", "PasswordHash", "SecurityStamp", "ConcurrencyStamp", "PhoneNumber",
                    "PhoneNumberConfirmed", "TwoFactorEnabled", "LockoutEnd", "LockoutEnabled", "AccessFailedCount")
                VALUES ({Text(userId)}, 'Camille Ancienne', {Bool(true)}, {at}, {Text(email)}, {Text(email.ToUpperInvariant())}, {Text(email)},
                    {Text(email.ToUpperInvariant())}, {Bool(true)}, {Text(hash)}, {Text(Guid.NewGuid().ToString("N"))}, {Text(Guid.NewGuid().ToString())}, NULL,
                    {Bool(false)}, {Bool(false)}, NULL, {Bool(true)}, 0);
                INSERT INTO "Territories" ("Id", "Name", "Description", "PerimeterCodes", "IsDemo", "CreatedAt", "CreatedBy", "UpdatedAt", "UpdatedBy", "Version")
                VALUES ({Id(territoryId)}, 'Territoire d''avant', 'Créé par la première migration', '94018 94069', {Bool(false)}, {at}, {Text(email)}, {at}, {Text(email)}, 3);
                INSERT INTO "TerritoryMembers" ("Id", "TerritoryId", "UserId", "Role", "CreatedAt", "CreatedBy", "UpdatedAt", "UpdatedBy", "Version")
                VALUES ({Id(memberId)}, {Id(territoryId)}, {Text(userId)}, 2, {at}, {Text(email)}, {at}, {Text(email)}, 1);
                INSERT INTO "AuditEntries" ("TerritoryId", "EntityType", "EntityKey", "Action", "Version", "At", "UserId", "UserName", "Changes")
                VALUES ({Id(territoryId)}, 'Territory', {Text(territoryId.ToString())}, 1, 3, {at}, {Text(userId)}, {Text(email)}, {Text(changes)});
                """;
            return new OldData(userId, email, territoryId, memberId, sql);
        }
    }
}

public sealed class DatabaseTests_Sqlite(SqliteApp app) : DatabaseTests(app), IClassFixture<SqliteApp>;

public sealed class DatabaseTests_PostgreSql(PostgresApp app) : DatabaseTests(app), IClassFixture<PostgresApp>;
