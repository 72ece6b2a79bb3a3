using System.Net;
using System.Text.Json;
using Maillage.Data;
using Maillage.Tests.Access;
using Maillage.Tests.Infrastructure;
using Maillage.Territories;
using Microsoft.EntityFrameworkCore;

namespace Maillage.Tests.Api;

/// <summary>The JSON API as an integration uses it: a personal token, JSON bodies, French problems on error.</summary>
public abstract class ApiContractTests(MaillageApp app)
{
    private const string MetropoleDuGrandParis = "200054781";

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    private async Task<HttpClient> AdministratorAsync() => app.CreateApiClient(await app.CreateTokenAsync(app.Administrator));

    private async Task<(HttpClient Client, TestUser User)> UserAsync(string label)
    {
        var user = await app.CreateUserAsync(label);
        return (app.CreateApiClient(await app.CreateTokenAsync(user)), user);
    }

    private static object NewTerritory(string name) =>
        new { name, description = "Territoire créé par l'API", perimeter = new[] { MetropoleDuGrandParis } };

    [Fact]
    public async Task OpenApi_document_lists_every_api_endpoint()
    {
        var response = await app.CreateBrowser().GetAsync("/openapi/v1.json", Cancellation);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var paths = (await response.ReadJsonAsync()).GetProperty("paths");
        var documented = paths.EnumerateObject()
            .SelectMany(path => path.Value.EnumerateObject().Select(op => $"{op.Name.ToUpperInvariant()} {Normalize(path.Name)}"))
            .ToHashSet();

        var catalog = await EndpointCatalog.ReadAsync(app.Services);
        var endpoints = catalog.Cases.Where(c => c.Kind == EndpointKind.Api)
            .Select(c => $"{c.Method} {Normalize(c.Pattern.RawText!)}").Distinct().ToList();

        endpoints.ShouldNotBeEmpty();
        endpoints.Where(e => !documented.Contains(e)).ToList().ShouldBeNone("Routes /api/v1 absentes de /openapi/v1.json");
    }

    /// <summary>"/api/v1/territories/{territoryId:guid}/" and "/api/v1/territories/{territoryId}" are the same path.</summary>
    private static string Normalize(string route)
    {
        var path = System.Text.RegularExpressions.Regex.Replace(route, @"\{([^}:?=]+)[^}]*\}", "{$1}");
        return "/" + path.Trim('/');
    }

    [Fact]
    public async Task Installation_administrator_creates_reads_updates_and_deletes_a_territory()
    {
        var admin = await AdministratorAsync();

        var created = await admin.PostJsonAsync("/api/v1/territories", NewTerritory("Métropole d'essai"));
        created.StatusCode.ShouldBe(HttpStatusCode.Created, await created.Content.ReadAsStringAsync(Cancellation));
        var location = created.Headers.Location.ShouldNotBeNull().OriginalString;
        var body = await created.ReadJsonAsync();
        var id = body.GetProperty("id").GetGuid();
        location.ShouldBe($"/api/v1/territories/{id}");
        body.GetProperty("version").GetInt64().ShouldBe(1);
        body.GetProperty("perimeter").EnumerateArray().Select(p => p.GetString()).ShouldBe([MetropoleDuGrandParis]);

        var read = await admin.GetAsync(location, Cancellation);
        read.StatusCode.ShouldBe(HttpStatusCode.OK);
        var territory = await read.ReadJsonAsync();
        territory.Text("name").ShouldBe("Métropole d'essai");
        territory.Text("description").ShouldBe("Territoire créé par l'API");
        territory.GetProperty("communeCount").GetInt32().ShouldBeGreaterThan(100);

        var updated = await admin.PutJsonAsync(location, new { name = "Métropole renommée", description = "Nouvelle description", version = 1 });
        updated.StatusCode.ShouldBe(HttpStatusCode.OK, await updated.Content.ReadAsStringAsync(Cancellation));
        var after = await updated.ReadJsonAsync();
        after.GetProperty("version").GetInt64().ShouldBe(2);
        after.Text("name").ShouldBe("Métropole renommée");

        (await admin.DeleteAsync(location, Cancellation)).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        await (await admin.GetAsync(location, Cancellation)).ReadProblemAsync(404);
    }

    [Fact]
    public async Task Stale_version_is_refused_with_409_listing_what_changed()
    {
        var admin = await AdministratorAsync();
        var location = (await admin.PostJsonAsync("/api/v1/territories", NewTerritory("Version 1"))).Headers.Location!.OriginalString;
        (await admin.PutJsonAsync(location, new { name = "Renommé par quelqu'un d'autre", version = 1 })).StatusCode.ShouldBe(HttpStatusCode.OK);

        var stale = await admin.PutJsonAsync(location, new { name = "Mon nom", version = 1 });

        var problem = await stale.ReadProblemAsync(409);
        problem.Text("title").ShouldBe("Modification concurrente");
        problem.Text("detail").ShouldContain("Quelqu'un a modifié cet élément");
        var change = problem.GetProperty("changes").EnumerateArray().ShouldHaveSingleItem();
        change.GetProperty("version").GetInt64().ShouldBe(2);
        change.Text("userName").ShouldBe(app.Administrator.Email);
        change.GetProperty("changes").EnumerateArray()
            .ShouldContain(c => c.Text("property") == "Name" && c.Text("before") == "Version 1" && c.Text("after") == "Renommé par quelqu'un d'autre");
        (await (await admin.GetAsync(location, Cancellation)).ReadJsonAsync()).Text("name").ShouldBe("Renommé par quelqu'un d'autre");
    }

    [Fact]
    public async Task Territory_without_a_name_is_refused_with_400_and_a_french_message()
    {
        var admin = await AdministratorAsync();

        var response = await admin.PostJsonAsync("/api/v1/territories", new { name = "", perimeter = (List<string>)["94069"] });

        var problem = await response.ReadProblemAsync(400);
        problem.Text("title").ShouldBe("Données invalides");
        problem.GetProperty("errors").GetProperty("name").EnumerateArray().Select(e => e.GetString())
            .ShouldBe(["Le nom du territoire est obligatoire."]);
    }

    [Fact]
    public async Task Unknown_insee_code_is_refused_with_422_and_a_french_detail()
    {
        var admin = await AdministratorAsync();

        var response = await admin.PostJsonAsync("/api/v1/territories", new { name = "Inconnu", perimeter = (List<string>)["94069", "99999"] });

        var problem = await response.ReadProblemAsync(422);
        problem.Text("title").ShouldBe("Règle non respectée");
        problem.Text("detail").ShouldContain("« 99999 » ne figure pas dans le référentiel officiel 2026");
        problem.Text("detail").ShouldNotContain("94069");
    }

    [Fact]
    public async Task Members_are_added_by_email_listed_and_removed()
    {
        var admin = await AdministratorAsync();
        var (_, member) = await UserAsync("pilote-api");
        var territory = await app.SeedTerritoryAsync();
        var members = $"/api/v1/territories/{territory.Id}/members";

        var added = await admin.PostJsonAsync(members, new { email = member.Email, role = "pilote" });
        added.StatusCode.ShouldBe(HttpStatusCode.Created, await added.Content.ReadAsStringAsync(Cancellation));
        var dto = await added.ReadJsonAsync();
        dto.Text("role").ShouldBe("pilote");
        dto.Text("userId").ShouldBe(member.Id);
        dto.GetProperty("version").GetInt64().ShouldBe(1, "le membre ajouté doit être enregistré (version 1)");
        var memberId = dto.GetProperty("id").GetGuid();
        added.Headers.Location!.OriginalString.ShouldBe($"{members}/{memberId}");

        var unknown = await admin.PostJsonAsync(members, new { email = "personne@exemple.fr", role = "lecteur" });
        (await unknown.ReadProblemAsync(422)).Text("detail").ShouldStartWith("Aucun compte n'existe pour personne@exemple.fr");

        var list = await (await admin.GetAsync(members, Cancellation)).ReadJsonAsync();
        list.GetProperty("items").EnumerateArray().ShouldContain(m => m.Text("email") == member.Email && m.Text("role") == "pilote", list.ToString());
        list.GetProperty("total").GetInt32().ShouldBe(1);

        (await admin.DeleteAsync($"{members}/{memberId}", Cancellation)).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await (await admin.GetAsync(members, Cancellation)).ReadJsonAsync()).GetProperty("total").GetInt32().ShouldBe(0);
    }

    [Fact]
    public async Task Only_an_installation_administrator_creates_territories()
    {
        var (client, user) = await UserAsync("non-admin");
        await app.SeedTerritoryAsync((user, TerritoryRole.Administrateur));

        var response = await client.PostJsonAsync("/api/v1/territories", NewTerritory("Interdit"));

        var problem = await response.ReadProblemAsync(403);
        problem.Text("title").ShouldBe("Accès refusé");
        problem.Text("detail").ShouldBe("Seul un administrateur de l'installation peut créer un territoire.");
        (await app.WithDbAsync(db => db.Territories.AnyAsync(t => t.Name == "Interdit", Cancellation))).ShouldBeFalse();
    }

    [Fact]
    public async Task A_member_of_another_territory_gets_404_not_403()
    {
        var (client, user) = await UserAsync("voisin");
        await app.SeedTerritoryAsync((user, TerritoryRole.Administrateur));
        var other = await app.SeedTerritoryAsync();

        var problem = await (await client.GetAsync($"/api/v1/territories/{other.Id}", Cancellation)).ReadProblemAsync(404);

        problem.Text("title").ShouldBe("Introuvable");
        problem.Text("detail").ShouldBe("Territoire introuvable.");
        var list = await (await client.GetAsync("/api/v1/territories", Cancellation)).ReadJsonAsync();
        list.GetProperty("items").EnumerateArray().ShouldNotContain(t => t.GetProperty("id").GetGuid() == other.Id);
    }

    [Fact]
    public async Task Anonymous_call_gets_401_as_a_french_problem()
    {
        var problem = await (await app.CreateBrowser().GetAsync("/api/v1/territories", Cancellation)).ReadProblemAsync(401);

        problem.Text("title").ShouldBe("Authentification requise");
        problem.Text("detail").ShouldContain("jeton personnel");
    }

    [Fact]
    public async Task Commune_search_finds_Saint_Maurice_by_its_postal_code()
    {
        var (client, _) = await UserAsync("reference");

        var found = await (await client.GetAsync("/api/v1/reference/communes?q=94410", Cancellation)).ReadJsonAsync();

        found.GetProperty("items").EnumerateArray()
            .ShouldContain(c => c.Text("code") == "94069" && c.Text("name") == "Saint-Maurice"
                                && c.GetProperty("postalCodes").EnumerateArray().Any(p => p.GetString() == "94410"));
    }

    [Fact]
    public async Task Epci_lists_its_member_communes()
    {
        var (client, _) = await UserAsync("reference");

        var epci = await (await client.GetAsync($"/api/v1/reference/epci/{MetropoleDuGrandParis}", Cancellation)).ReadJsonAsync();

        epci.Text("siren").ShouldBe(MetropoleDuGrandParis);
        var codes = epci.GetProperty("communes").EnumerateArray().Select(c => c.Text("code")).ToList();
        codes.ShouldContain("94069");
        codes.ShouldContain("94018");
        codes.ShouldContain("75056");
        codes.Count.ShouldBeGreaterThan(100);
        var missing = await (await client.GetAsync("/api/v1/reference/epci/999999999", Cancellation)).ReadProblemAsync(404);
        missing.Text("detail").ShouldBe("Aucun EPCI de SIREN 999999999 dans le référentiel 2026.");
    }

    [Fact]
    public async Task Creating_then_editing_a_territory_writes_its_history_with_who_and_what()
    {
        var admin = await AdministratorAsync();
        var created = await (await admin.PostJsonAsync("/api/v1/territories", NewTerritory("Avant"))).ReadJsonAsync();
        var id = created.GetProperty("id").GetGuid();
        (await admin.PutJsonAsync($"/api/v1/territories/{id}", new { name = "Après", description = "Territoire créé par l'API", version = 1 }))
            .StatusCode.ShouldBe(HttpStatusCode.OK);

        var history = await app.WithDbAsync(db => db.AuditEntries.AsNoTracking()
            .Where(a => a.EntityType == nameof(Territory) && a.EntityKey == id.ToString())
            .OrderBy(a => a.Version).ToListAsync(Cancellation));

        history.Select(h => (h.Action, h.Version)).ShouldBe([(AuditAction.Created, 1L), (AuditAction.Updated, 2L)]);
        history.ShouldAllBe(h => h.UserName == app.Administrator.Email && h.UserId == app.Administrator.Id && h.TerritoryId == id);
        Changes(history[0]).ShouldContain(new AuditChange("Name", null, "Avant"));
        Changes(history[0]).ShouldContain(new AuditChange("PerimeterCodes", null, MetropoleDuGrandParis));
        Changes(history[1]).ShouldBe([new AuditChange("Name", "Avant", "Après")]);
        var territory = await (await admin.GetAsync($"/api/v1/territories/{id}", Cancellation)).ReadJsonAsync();
        territory.Text("createdBy").ShouldBe(app.Administrator.Email);
        territory.Text("updatedBy").ShouldBe(app.Administrator.Email);
    }

    private static List<AuditChange> Changes(AuditEntry entry) => JsonSerializer.Deserialize<List<AuditChange>>(entry.Changes)!;
}

public sealed class ApiContractTests_Sqlite(SqliteApp app) : ApiContractTests(app), IClassFixture<SqliteApp>;

public sealed class ApiContractTests_PostgreSql(PostgresApp app) : ApiContractTests(app), IClassFixture<PostgresApp>;
