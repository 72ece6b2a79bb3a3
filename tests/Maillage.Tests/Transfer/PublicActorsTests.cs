using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Maillage.Actors;
using Maillage.Data;
using Maillage.Territories;
using Maillage.Territories.Reference;
using Maillage.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Maillage.Tests.Transfer;

/// <summary>The public bodies of a perimeter created from the INSEE reference, once, through the API and the page.</summary>
public abstract class PublicActorsTests(MaillageApp app)
{
    private const string Charenton = "94018";
    private const string SaintMaurice = "94069";
    private const string GrandParis = "200054781";

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    private InseeReference Reference => app.Services.GetRequiredService<InseeReference>();

    private async Task<(Guid TerritoryId, HttpClient Pilote)> TerritoryAsync(string? perimeter = null)
    {
        var pilote = await app.CreateUserAsync("pilote");
        var territory = await app.SeedTerritoryAsync((pilote, TerritoryRole.Pilote));
        if (perimeter is not null)
        {
            await app.WithDbAsync(async db =>
            {
                var tracked = await db.Territories.SingleAsync(t => t.Id == territory.Id, Cancellation);
                tracked.SetPerimeter(Perimeter.Parse(perimeter));
                return await db.SaveChangesAsync(Cancellation);
            });
        }

        return (territory.Id, app.CreateApiClient(await app.CreateTokenAsync(pilote)));
    }

    private static async Task<JsonNode> PostAsync(HttpClient client, Guid territoryId, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var response = await client.PostAsync($"/api/v1/territories/{territoryId}/public-actors", null, Cancellation);
        var text = await response.Content.ReadAsStringAsync(Cancellation);
        response.StatusCode.ShouldBe(expected, text);
        return JsonNode.Parse(text)!;
    }

    private static void ShouldCount(JsonNode counts, int communes, int epci, int departements, int regions, int relations)
    {
        ((int)counts["communes"]!).ShouldBe(communes, "communes");
        ((int)counts["epci"]!).ShouldBe(epci, "epci");
        ((int)counts["departements"]!).ShouldBe(departements, "departements");
        ((int)counts["regions"]!).ShouldBe(regions, "regions");
        ((int)counts["actors"]!).ShouldBe(communes + epci + departements + regions, "actors");
        ((int)counts["relations"]!).ShouldBe(relations, "relations");
    }

    [Fact]
    public async Task Public_actors_of_the_perimeter_are_created_with_their_SIREN_and_links_then_never_twice()
    {
        var (territoryId, pilote) = await TerritoryAsync();

        var plan = JsonNode.Parse(await pilote.GetStringAsync($"/api/v1/territories/{territoryId}/public-actors", Cancellation))!;
        ShouldCount(plan["toCreate"]!, 2, 1, 1, 1, 2);
        ShouldCount(plan["alreadyPresent"]!, 0, 0, 0, 0, 0);

        var first = await PostAsync(pilote, territoryId);
        ShouldCount(first["created"]!, 2, 1, 1, 1, 2);
        ShouldCount(first["alreadyPresent"]!, 0, 0, 0, 0, 0);
        ((string)first["message"]!).ShouldBe("5 acteurs publics créés (2 communes, 1 EPCI, 1 département, 1 région) et 2 relations « membre de » créées.");

        var actors = await app.WithDbAsync(db => db.Actors.AsNoTracking().Where(a => a.TerritoryId == territoryId).ToListAsync(Cancellation));
        actors.Count.ShouldBe(5);
        actors.ShouldAllBe(a => a.Family == ActorFamily.PouvoirsPublics);
        var charenton = actors.Single(a => a.Subtype == "commune" && a.CommuneCode == Charenton);
        charenton.Name.ShouldBe("Charenton-le-Pont");
        charenton.Siren.ShouldBe(Reference.FindCommune(Charenton)!.Siren);
        charenton.PerimeterCodes.ShouldBe(Charenton);
        charenton.PostalCode.ShouldBe("94220");
        var epci = actors.Single(a => a.Subtype == "epci");
        epci.Siren.ShouldBe(GrandParis);
        epci.Name.ShouldBe(Reference.FindEpci(GrandParis)!.Name);
        epci.PerimeterCodes.ShouldBe(GrandParis);
        var departement = actors.Single(a => a.Subtype == "departement");
        departement.Name.ShouldBe("Val-de-Marne (département)");
        departement.PerimeterCodes.ShouldBe("94");
        departement.CommuneCode.ShouldBe(Reference.FindDepartement("94")!.ChefLieuCode);
        actors.Single(a => a.Subtype == "region").PerimeterCodes.ShouldBe("region:11");

        var relations = await app.WithDbAsync(db => db.ActorRelations.AsNoTracking().Where(r => r.TerritoryId == territoryId).ToListAsync(Cancellation));
        relations.Count.ShouldBe(2);
        relations.ShouldAllBe(r => r.Type == "membre-de" && r.TargetActorId == epci.Id);
        relations.Select(r => r.SourceActorId).ShouldBe(actors.Where(a => a.Subtype == "commune").Select(a => a.Id), ignoreOrder: true);

        var second = await PostAsync(pilote, territoryId);
        ShouldCount(second["created"]!, 0, 0, 0, 0, 0);
        ShouldCount(second["alreadyPresent"]!, 2, 1, 1, 1, 2);
        ((string)second["message"]!).ShouldStartWith("Rien à créer : 5 acteurs publics du périmètre");
        (await app.WithDbAsync(db => db.Actors.CountAsync(a => a.TerritoryId == territoryId, Cancellation))).ShouldBe(5);
        (await app.WithDbAsync(db => db.ActorRelations.CountAsync(r => r.TerritoryId == territoryId, Cancellation))).ShouldBe(2);
    }

    [Fact]
    public async Task An_actor_already_holding_the_SIREN_is_reused_and_linked_not_duplicated()
    {
        var (territoryId, pilote) = await TerritoryAsync();
        var siren = Reference.FindCommune(SaintMaurice)!.Siren!;
        var existing = await pilote.PostAsJsonAsync($"/api/v1/territories/{territoryId}/actors?force=true",
            new { name = "Mairie de Saint-Maurice", family = "developpement-economique", siren }, Cancellation);
        existing.StatusCode.ShouldBe(HttpStatusCode.Created);
        var existingId = (Guid)JsonNode.Parse(await existing.Content.ReadAsStringAsync(Cancellation))!["id"]!;

        var result = await PostAsync(pilote, territoryId);
        ShouldCount(result["created"]!, 1, 1, 1, 1, 2);
        ShouldCount(result["alreadyPresent"]!, 1, 0, 0, 0, 0);
        ((string)result["message"]!).ShouldContain("Déjà présents et repris : 1 acteur (1 commune, 0 EPCI, 0 département, 0 région).");

        var withSiren = await app.WithDbAsync(db => db.Actors.AsNoTracking().Where(a => a.TerritoryId == territoryId && a.Siren == siren).ToListAsync(Cancellation));
        withSiren.Single().Name.ShouldBe("Mairie de Saint-Maurice");
        (await app.WithDbAsync(db => db.ActorRelations.AnyAsync(r => r.SourceActorId == existingId && r.Type == "membre-de", Cancellation))).ShouldBeTrue();
    }

    [Fact]
    public async Task A_departement_is_created_in_one_save_quickly()
    {
        var (territoryId, pilote) = await TerritoryAsync("62");
        var communes = Reference.CommuneCodesOf(AreaKind.Departement, "62");
        var epcis = communes.Select(c => Reference.FindCommune(c)!.EpciSiren).OfType<string>().Distinct().Count();
        var linked = communes.Count(c => Reference.FindCommune(c)!.EpciSiren is not null);

        var clock = Stopwatch.StartNew();
        var result = await PostAsync(pilote, territoryId);
        clock.Stop();
        TestContext.Current.TestOutputHelper?.WriteLine(
            $"{app.Kind} : {communes.Count} communes, {epcis} EPCI, {linked} relations créées en {clock.ElapsedMilliseconds} ms");

        ShouldCount(result["created"]!, communes.Count, epcis, 1, 1, linked);
        (await app.WithDbAsync(db => db.Actors.CountAsync(a => a.TerritoryId == territoryId && a.Siren != null, Cancellation)))
            .ShouldBe(communes.Count + epcis);
        clock.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(30));

        var again = await PostAsync(pilote, territoryId);
        ShouldCount(again["created"]!, 0, 0, 0, 0, 0);
        ShouldCount(again["alreadyPresent"]!, communes.Count, epcis, 1, 1, linked);
    }

    [Fact]
    public async Task A_territory_without_perimeter_gets_a_French_explanation()
    {
        var pilote = await app.CreateUserAsync("pilote");
        var territoryId = await app.WithDbAsync(async db =>
        {
            var territory = new Territory($"Sans périmètre {Guid.NewGuid():N}", null, Perimeter.Empty);
            territory.AddMember(pilote.Id, TerritoryRole.Pilote);
            db.Territories.Add(territory);
            await db.SaveChangesAsync(Cancellation);
            return territory.Id;
        });
        var client = app.CreateApiClient(await app.CreateTokenAsync(pilote));

        var problem = await PostAsync(client, territoryId, HttpStatusCode.UnprocessableEntity);
        ((string)problem["detail"]!).ShouldContain("définissez d'abord le périmètre");
    }

    [Fact]
    public async Task The_page_shows_the_counts_then_creates_on_confirmation()
    {
        var pilote = await app.CreateUserAsync("pilote-page");
        var territory = await app.SeedTerritoryAsync((pilote, TerritoryRole.Pilote));
        var browser = await app.LoginAsync(pilote);
        var url = $"/territoires/{territory.Id}/acteurs/acteurs-publics";

        var (_, before) = await browser.GetPageAsync(url);
        var cells = before.QuerySelectorAll(".public-actors-plan tbody tr").Select(r => r.Children.Select(c => c.TextContent.Trim()).ToArray()).ToList();
        cells[0].ShouldBe(["Communes", "2", "0"]);
        before.QuerySelector(".public-actors-confirm button")!.TextContent.ShouldContain("Créer 5 acteurs publics");

        var created = await browser.PostFormAsync(url);
        created.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var (_, directory) = await browser.GetPageAsync(created.Headers.Location!.OriginalString);
        directory.QuerySelector(".alert-success")!.TextContent.ShouldContain("5 acteurs publics créés");
        directory.QuerySelectorAll("#resultats tbody tr").Length.ShouldBe(5);

        var (_, after) = await browser.GetPageAsync(url);
        after.QuerySelector(".public-actors-confirm").ShouldBeNull();
        after.QuerySelector(".public-actors-nothing")!.TextContent.ShouldContain("Rien à créer");
    }
}

public sealed class PublicActorsTests_Sqlite(SqliteApp app) : PublicActorsTests(app), IClassFixture<SqliteApp>;

public sealed class PublicActorsTests_PostgreSql(PostgresApp app) : PublicActorsTests(app), IClassFixture<PostgresApp>;
