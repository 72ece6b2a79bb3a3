using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Maillage.Tests.Actors;
using Maillage.Tests.Infrastructure;
using Maillage.Territories;

namespace Maillage.Tests.Network;

/// <summary>GET …/network/metrics and the map page over a real database: two groups joined by a bridge, an isolated actor.</summary>
public abstract class NetworkApiTests(ClockedApp app)
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_metrics_name_the_central_the_bridging_and_the_isolated_actors()
    {
        var pilote = await app.CreateUserAsync("pilote");
        var territory = await app.SeedTerritoryAsync((pilote, TerritoryRole.Pilote));
        var api = app.CreateApiClient(await app.CreateTokenAsync(pilote));
        var url = $"/api/v1/territories/{territory.Id}";
        async Task<Guid> ActorAsync(string name, string family)
        {
            var response = await api.PostAsJsonAsync($"{url}/actors?force=true", new { name, family }, Cancellation);
            response.StatusCode.ShouldBe(HttpStatusCode.Created);
            return (Guid)JsonNode.Parse(await response.Content.ReadAsStringAsync(Cancellation))!["id"]!;
        }

        async Task LinkAsync(Guid source, Guid target, string type = "partenaire-historique")
        {
            var response = await api.PostAsJsonAsync($"{url}/actors/{source}/relations", new { targetActorId = target, type }, Cancellation);
            response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync(Cancellation));
        }

        // Employment operators on one side, companies on the other, the Maison de l'emploi between them.
        var france = await ActorAsync("France Travail Charenton", "emploi-formation");
        var mission = await ActorAsync("Mission locale des Bords de Marne", "emploi-formation");
        var mde = await ActorAsync("Maison de l'emploi", "emploi-formation");
        var club = await ActorAsync("Club des entreprises", "entreprises");
        var drh = await ActorAsync("Club de DRH", "entreprises");
        var cci = await ActorAsync("CCI du Val-de-Marne", "developpement-economique");
        await ActorAsync("Fondation isolée", "associations");
        await LinkAsync(france, mission);
        await LinkAsync(mission, mde, "prescrit");
        await LinkAsync(mde, france);
        await LinkAsync(mde, club);
        await LinkAsync(club, drh);
        await LinkAsync(drh, cci);
        await LinkAsync(cci, club, "membre-de");

        var response = await api.GetAsync($"{url}/network/metrics", Cancellation);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync(Cancellation))!;
        ((int)body["actors"]!).ShouldBe(7);
        ((int)body["relations"]!).ShouldBe(7);
        ((int)body["isolatedCount"]!).ShouldBe(1);
        ((int)body["communities"]!).ShouldBe(2);
        ((bool)body["method"]!["betweennessExact"]!).ShouldBeTrue();
        var bridges = body["bridges"]!.AsArray().Select(b => (string)b!["name"]!).ToList();
        bridges.Take(2).ShouldBe(["Club des entreprises", "Maison de l'emploi"], ignoreOrder: true);
        ((string)body["bridges"]![0]!["explanation"]!).ShouldContain("sans lui, le réseau se coupe");
        body["isolated"]!.AsArray().Select(i => (string)i!["name"]!).ShouldBe(["Fondation isolée"]);
        ((string)body["central"]![0]!["family"]!).ShouldNotBeNull();

        var browser = await app.LoginAsync(pilote);
        var (page, document) = await browser.GetPageAsync($"/territoires/{territory.Id}/reseau");
        page.StatusCode.ShouldBe(HttpStatusCode.OK);
        document.QuerySelector("#network-reading")!.GetAttribute("hx-get").ShouldBe($"/territoires/{territory.Id}/reseau?handler=Reading");
        var (_, reading) = await browser.GetPageAsync($"/territoires/{territory.Id}/reseau?handler=Reading");
        reading.QuerySelector("#ponts")!.ParentElement!.TextContent.ShouldContain("Maison de l'emploi");
        reading.QuerySelector("#isoles")!.ParentElement!.TextContent.ShouldContain("Fondation isolée");
        reading.QuerySelector("#ponts")!.ParentElement!.TextContent.ShouldContain("sans lui, le réseau se coupe en morceaux (intermédiarité");
        reading.QuerySelector("#isoles")!.ParentElement!.TextContent.ShouldContain("Aucune relation enregistrée : un acteur à qualifier");

        // The same reading in English, sentence by sentence from the same figures.
        var (_, english) = await browser.GetPageAsync($"/territoires/{territory.Id}/reseau?handler=Reading&culture=en");
        english.QuerySelector("#centraux")!.ParentElement!.TextContent.ShouldContain("Directly related to 3 actors (50");
        english.QuerySelector("#ponts")!.ParentElement!.TextContent.ShouldContain("; without it, the network falls apart (betweenness");
        english.QuerySelector("#isoles")!.ParentElement!.TextContent.ShouldContain("No relation recorded: an actor to qualify");
        english.Body!.TextContent.ShouldNotContain("En relation directe");
        var graph = JsonNode.Parse(await browser.GetStringAsync($"/territoires/{territory.Id}/reseau?handler=Graph", Cancellation))!;
        graph["nodes"]!["ids"]!.AsArray().Count.ShouldBe(7);
        graph["edges"]!["sources"]!.AsArray().Count.ShouldBe(7);

        var outsider = await app.CreateUserAsync("ailleurs");
        await app.SeedTerritoryAsync((outsider, TerritoryRole.Pilote));
        var other = app.CreateApiClient(await app.CreateTokenAsync(outsider));
        (await other.GetAsync($"{url}/network/metrics", Cancellation)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }
}

public sealed class NetworkApiTests_Sqlite(ActorsSqliteApp app) : NetworkApiTests(app), IClassFixture<ActorsSqliteApp>;

public sealed class NetworkApiTests_PostgreSql(ActorsPostgresApp app) : NetworkApiTests(app), IClassFixture<ActorsPostgresApp>;
