using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Maillage.Tests.Infrastructure;
using Maillage.Territories;

namespace Maillage.Tests.Cibles;

public abstract class CibleApiTests(MaillageApp app)
{
    private static readonly string[] RepeatedRings = ["Proches", "proches", "Loin"];
    private static readonly string[] FiveRings = ["Noyau", "Proches", "Réguliers", "Occasionnels", "Veille"];
    private static readonly string[] OneAnswer = ["Favoriser l'emploi."];
    private static readonly bool[] ThreeConditions = [true, false, true];
    private static readonly string?[] TwoNotes = [null, "Territoire à préciser"];

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    private sealed record Answer(HttpStatusCode Status, JsonNode? Body, string Text);

    private sealed record Api(HttpClient Client, Guid TerritoryId)
    {
        public async Task<Answer> SendAsync(HttpMethod method, string path, object? body = null)
        {
            using var request = new HttpRequestMessage(method, $"/api/v1/territories/{TerritoryId}/{path}");
            if (body is not null)
            {
                request.Content = JsonContent.Create(body);
            }

            using var response = await Client.SendAsync(request, Cancellation);
            var text = await response.Content.ReadAsStringAsync(Cancellation);
            var json = response.Content.Headers.ContentType?.MediaType?.Contains("json", StringComparison.Ordinal) == true && text.Length > 0 ? JsonNode.Parse(text) : null;
            return new Answer(response.StatusCode, json, text);
        }

        public async Task<Guid> ActorAsync(string name, string family)
        {
            var answer = await SendAsync(HttpMethod.Post, "actors?force=true", new { name, family });
            answer.Status.ShouldBe(HttpStatusCode.Created, answer.Text);
            return (Guid)answer.Body!["id"]!;
        }

        public async Task<JsonNode> CibleAsync(object body)
        {
            var answer = await SendAsync(HttpMethod.Post, "cibles", body);
            answer.Status.ShouldBe(HttpStatusCode.Created, answer.Text);
            return answer.Body!;
        }
    }

    private async Task<Api> ApiAsync(TerritoryRole role = TerritoryRole.Pilote)
    {
        var user = await app.CreateUserAsync(role.Code());
        var territory = await app.SeedTerritoryAsync((user, role));
        return new Api(app.CreateApiClient(await app.CreateTokenAsync(user)), territory.Id);
    }

    [Fact]
    public async Task A_pilote_places_actors_and_reads_the_gaps_largest_first()
    {
        var api = await ApiAsync();
        var club = await api.ActorAsync("Club des entreprises", "entreprises");
        var mission = await api.ActorAsync("Mission locale", "emploi-formation");
        var region = await api.ActorAsync("Région", "pouvoirs-publics");
        var cible = await api.CibleAsync(new { name = "Cible de la Maison de l'emploi", centre = "Maison de l'emploi" });
        var id = (Guid)cible["id"]!;

        cible["rings"]!.AsArray().Select(r => (string)r!["name"]!).ShouldBe(["Partenaires engagés", "Partenaires réguliers", "Relations occasionnelles", "Contacts lointains"]);
        (await api.SendAsync(HttpMethod.Put, $"cibles/{id}/placements/{club}", new { current = (int?)null, ideal = 1 })).Status.ShouldBe(HttpStatusCode.Created);
        (await api.SendAsync(HttpMethod.Put, $"cibles/{id}/placements/{mission}", new { current = 2, ideal = 1 })).Status.ShouldBe(HttpStatusCode.Created);
        var placed = await api.SendAsync(HttpMethod.Put, $"cibles/{id}/placements/{region}", new { current = 1, ideal = 3 });
        placed.Status.ShouldBe(HttpStatusCode.Created, placed.Text);
        placed.Body!["currentLabel"]!.GetValue<string>().ShouldBe("1. Partenaires engagés");

        var read = await api.SendAsync(HttpMethod.Get, $"cibles/{id}");
        read.Status.ShouldBe(HttpStatusCode.OK);
        read.Body!["placements"]!.AsArray().Count.ShouldBe(3);
        var gaps = read.Body["gaps"]!.AsArray();
        gaps.Select(g => ((string)g!["name"]!, (int)g["rings"]!, (string)g["direction"]!))
            .ShouldBe([("Club des entreprises", 4, "gain"), ("Région", -2, "perte"), ("Mission locale", 1, "gain")]);

        var svg = await api.SendAsync(HttpMethod.Get, $"cibles/{id}/svg?view=ecart");
        svg.Status.ShouldBe(HttpStatusCode.OK);
        svg.Text.ShouldStartWith("<svg");
        svg.Text.ShouldContain("Club des entreprises");
        svg.Text.ShouldContain("class=\"cible-arrows\"");
    }

    [Fact]
    public async Task A_ring_the_cible_does_not_have_and_a_stale_placement_are_refused_in_French()
    {
        var api = await ApiAsync();
        var actor = await api.ActorAsync("CCI", "developpement-economique");
        var id = (Guid)(await api.CibleAsync(new { name = "Trois anneaux", ringCount = 3 }))["id"]!;

        var wrong = await api.SendAsync(HttpMethod.Put, $"cibles/{id}/placements/{actor}", new { current = 4, ideal = 1 });
        wrong.Status.ShouldBe(HttpStatusCode.UnprocessableEntity);
        ((string)wrong.Body!["detail"]!).ShouldBe("Aujourd'hui : l'anneau 4 n'existe pas ; cette cible a les anneaux 1 (centre) à 3, ou aucun (hors cible).");

        var first = await api.SendAsync(HttpMethod.Put, $"cibles/{id}/placements/{actor}", new { current = 3, ideal = 1 });
        var version = (long)first.Body!["version"]!;
        (await api.SendAsync(HttpMethod.Put, $"cibles/{id}/placements/{actor}", new { current = 2, ideal = 1, version })).Status.ShouldBe(HttpStatusCode.OK);
        var stale = await api.SendAsync(HttpMethod.Put, $"cibles/{id}/placements/{actor}", new { current = 1, ideal = 1, version });
        stale.Status.ShouldBe(HttpStatusCode.Conflict);
        stale.Body!["changes"]!.AsArray().Count.ShouldBeGreaterThan(0);
    }

    [Fact]
    public async Task Rings_are_three_to_five_and_cannot_shrink_under_a_placed_actor()
    {
        var api = await ApiAsync();
        (await api.SendAsync(HttpMethod.Post, "cibles", new { name = "Deux", ringCount = 2 })).Status.ShouldBe(HttpStatusCode.BadRequest);
        (await api.SendAsync(HttpMethod.Post, "cibles", new { name = "Doublon", rings = RepeatedRings })).Status
            .ShouldBe(HttpStatusCode.UnprocessableEntity);
        var cible = await api.CibleAsync(new { name = "Cinq", rings = FiveRings });
        var id = (Guid)cible["id"]!;
        var actor = await api.ActorAsync("Le RAMEAU", "associations");
        await api.SendAsync(HttpMethod.Put, $"cibles/{id}/placements/{actor}", new { current = 5, ideal = 2 });

        var shrink = await api.SendAsync(HttpMethod.Put, $"cibles/{id}", new { name = "Cinq", ringCount = 3, version = (long)cible["version"]! });

        shrink.Status.ShouldBe(HttpStatusCode.UnprocessableEntity);
        ((string)shrink.Body!["detail"]!).ShouldStartWith("Anneaux : 1 acteur(s) sont placés au-delà de l'anneau 3");
    }

    [Fact]
    public async Task A_lecteur_reads_but_cannot_place_and_another_territory_answers_404()
    {
        var pilote = await ApiAsync();
        var actor = await pilote.ActorAsync("Mission locale", "emploi-formation");
        var id = (Guid)(await pilote.CibleAsync(new { name = "Cible" }))["id"]!;
        var user = await app.CreateUserAsync("lecteur");
        await app.WithDbAsync(async db =>
        {
            db.TerritoryMembers.Add(new TerritoryMember(pilote.TerritoryId, user.Id, TerritoryRole.Lecteur));
            return await db.SaveChangesAsync(Cancellation);
        });
        var lecteur = new Api(app.CreateApiClient(await app.CreateTokenAsync(user)), pilote.TerritoryId);

        (await lecteur.SendAsync(HttpMethod.Get, $"cibles/{id}")).Status.ShouldBe(HttpStatusCode.OK);
        (await lecteur.SendAsync(HttpMethod.Put, $"cibles/{id}/placements/{actor}", new { current = 1, ideal = 1 })).Status.ShouldBe(HttpStatusCode.Forbidden);

        var other = await ApiAsync();
        (await other.SendAsync(HttpMethod.Get, $"cibles/{id}")).Status.ShouldBe(HttpStatusCode.NotFound);
        (await other.SendAsync(HttpMethod.Get, $"cibles/{id}/svg")).Status.ShouldBe(HttpStatusCode.NotFound);
        var foreignActor = await other.ActorAsync("Autre acteur", "associations");
        (await pilote.SendAsync(HttpMethod.Put, $"cibles/{id}/placements/{foreignActor}", new { current = 1, ideal = 1 })).Status.ShouldBe(HttpStatusCode.NotFound);
        var inOther = await other.SendAsync(HttpMethod.Put, $"cibles/{id}/placements/{foreignActor}", new { current = 1, ideal = 1 });
        inOther.Status.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_snapshot_keeps_the_picture_of_its_date_and_the_list_pages()
    {
        var api = await ApiAsync();
        var actor = await api.ActorAsync("France Travail", "emploi-formation");
        var id = (Guid)(await api.CibleAsync(new { name = "Cible datée" }))["id"]!;
        await api.SendAsync(HttpMethod.Put, $"cibles/{id}/placements/{actor}", new { current = 3, ideal = 1 });

        var snapshot = await api.SendAsync(HttpMethod.Post, $"cibles/{id}/snapshots", new { note = "Avant le copil" });
        snapshot.Status.ShouldBe(HttpStatusCode.Created, snapshot.Text);
        await api.SendAsync(HttpMethod.Put, $"cibles/{id}/placements/{actor}", new { current = 1, ideal = 1 });

        var list = await api.SendAsync(HttpMethod.Get, $"cibles/{id}/snapshots");
        var frozen = list.Body!.AsArray().Single()!;
        ((string)frozen["note"]!).ShouldBe("Avant le copil");
        ((int)frozen["content"]!["items"]![0]!["current"]!).ShouldBe(3);
        var cibles = await api.SendAsync(HttpMethod.Get, "cibles?pageSize=1");
        ((int)cibles.Body!["total"]!).ShouldBe(1);
        (await api.SendAsync(HttpMethod.Delete, $"cibles/{id}")).Status.ShouldBe(HttpStatusCode.NoContent);
        (await api.SendAsync(HttpMethod.Get, $"cibles/{id}")).Status.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task An_environment_analysis_records_the_grid_the_conditions_and_the_decision_with_its_reasons()
    {
        var api = await ApiAsync();
        var noReason = await api.SendAsync(HttpMethod.Post, "environment-analyses", new { title = "Analyse", way = "initiateur" });
        noReason.Status.ShouldBe(HttpStatusCode.UnprocessableEntity);
        ((string)noReason.Body!["detail"]!).ShouldBe("Raisons : dites pourquoi cette possibilité est retenue.");

        var created = await api.SendAsync(HttpMethod.Post, "environment-analyses", new
        {
            title = "Analyse de la Maison de l'emploi",
            answers = OneAnswer,
            internalMet = ThreeConditions,
            externalNotes = TwoNotes,
            way = "en-reponse",
            reasons = "La Région lance un appel à projets.",
        });
        created.Status.ShouldBe(HttpStatusCode.Created, created.Text);
        var body = created.Body!;
        body["questions"]!.AsArray().Count.ShouldBe(14);
        ((string)body["questions"]![0]!["answer"]!).ShouldBe("Favoriser l'emploi.");
        ((bool)body["internalConditions"]![2]!["met"]!).ShouldBeTrue();
        ((string)body["externalConditions"]![1]!["note"]!).ShouldBe("Territoire à préciser");
        ((string)body["wayLabel"]!).ShouldBe("Partenariat en répondant à une proposition");

        var id = (Guid)body["id"]!;
        var version = (long)body["version"]!;
        (await api.SendAsync(HttpMethod.Put, $"environment-analyses/{id}", new { title = "Analyse", way = "seul", reasons = "Pas de partenaire.", version }))
            .Status.ShouldBe(HttpStatusCode.OK);
        (await api.SendAsync(HttpMethod.Put, $"environment-analyses/{id}", new { title = "Analyse", version })).Status.ShouldBe(HttpStatusCode.Conflict);
        var other = await ApiAsync();
        (await other.SendAsync(HttpMethod.Get, $"environment-analyses/{id}")).Status.ShouldBe(HttpStatusCode.NotFound);
    }
}

public sealed class CibleApiTests_Sqlite(SqliteApp app) : CibleApiTests(app), IClassFixture<SqliteApp>;

public sealed class CibleApiTests_PostgreSql(PostgresApp app) : CibleApiTests(app), IClassFixture<PostgresApp>;
