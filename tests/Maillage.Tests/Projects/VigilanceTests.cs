using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Maillage.Tests.Actors;
using Maillage.Tests.Infrastructure;
using Maillage.Territories;

namespace Maillage.Tests.Projects;

/// <summary>
/// The points de vigilance read from the stored data, through the API and the pages, on both databases: they appear
/// and disappear as the partnership is completed, and the decision on what follows a finished project is recorded.
/// </summary>
public abstract class VigilanceTests(ClockedApp app)
{
    private static readonly string[] BothCommunes = ["94018", "94069"];
    private static readonly string[] Charenton = ["94018"];
    private static readonly string[] AllPiloteConditions = ["identifie", "disponible", "neutre", "lien", "gestion-projet"];

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    private static async Task<JsonNode> ReadAsync(HttpResponseMessage response) =>
        JsonNode.Parse(await response.Content.ReadAsStringAsync(Cancellation))!;

    private sealed record Setup(SeededTerritory Territory, HttpClient Api, TestUser Pilote, TestUser Lecteur, Guid ProjectId, string Projects)
    {
        public string Project => $"{Projects}/{ProjectId}";
        public string Page => $"/territoires/{Territory.Id}/projets/{ProjectId}";
    }

    private async Task<Setup> SetUpAsync(object? frame = null)
    {
        var pilote = await app.CreateUserAsync("pilote");
        var lecteur = await app.CreateUserAsync("lecteur");
        var territory = await app.SeedTerritoryAsync((pilote, TerritoryRole.Pilote), (lecteur, TerritoryRole.Lecteur));
        var api = app.CreateApiClient(await app.CreateTokenAsync(pilote));
        var projects = $"/api/v1/territories/{territory.Id}/projects";
        var created = await api.PostAsJsonAsync(projects, frame ?? new
        {
            name = "Agir ensemble sur le territoire", targetsCompanies = true, perimeter = BothCommunes,
            startDate = Day(-30), endDate = Day(300),
        }, Cancellation);
        created.StatusCode.ShouldBe(HttpStatusCode.Created, await created.Content.ReadAsStringAsync(Cancellation));
        return new Setup(territory, api, pilote, lecteur, (Guid)(await ReadAsync(created))["id"]!, projects);
    }

    /// <summary>A date relative to today, so that the running project has not ended whenever the tests run.</summary>
    private static string Day(int offset) => DateTime.UtcNow.Date.AddDays(offset).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    private static async Task<Guid> ActorAsync(Setup setup, object actor)
    {
        var created = await setup.Api.PostAsJsonAsync($"/api/v1/territories/{setup.Territory.Id}/actors", actor, Cancellation);
        created.StatusCode.ShouldBe(HttpStatusCode.Created, await created.Content.ReadAsStringAsync(Cancellation));
        return (Guid)(await ReadAsync(created))["id"]!;
    }

    private static async Task<JsonNode> ParticipateAsync(Setup setup, object participation)
    {
        var created = await setup.Api.PostAsJsonAsync($"{setup.Project}/participations", participation, Cancellation);
        created.StatusCode.ShouldBe(HttpStatusCode.Created, await created.Content.ReadAsStringAsync(Cancellation));
        return await ReadAsync(created);
    }

    private static async Task<List<string>> CodesAsync(Setup setup)
    {
        var response = await setup.Api.GetAsync($"{setup.Project}/vigilance", Cancellation);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync(Cancellation));
        return (await ReadAsync(response)).AsArray().Select(p => (string)p!["code"]!).ToList();
    }

    [Fact]
    public async Task Points_disappear_through_the_api_as_the_partnership_is_completed()
    {
        var setup = await SetUpAsync();
        var first = await setup.Api.GetAsync($"{setup.Project}/vigilance", Cancellation);
        var points = (await ReadAsync(first)).AsArray();
        var pilote = points.Single(p => (string)p!["code"]! == "pilote-absent")!;
        ((string)pilote["severity"]!).ShouldBe("critique");
        ((string)pilote["message"]!).ShouldBe("Aucun partenaire actif ne tient le rôle de pilote.");
        ((string)pilote["reason"]!).ShouldContain("assure la mobilisation des acteurs");
        ((string)pilote["fixUrl"]!).ShouldBe($"{setup.Page}/participants");
        points.Select(p => (string)p!["code"]!).ShouldBe(["pilote-absent", "entreprises-absentes", "evaluation-absente", "famille-absente", "famille-absente", "famille-absente"]);

        var mde = await ActorAsync(setup, new { name = "Maison de l'emploi", family = "emploi-formation", perimeter = BothCommunes });
        var representative = await setup.Api.PostAsJsonAsync($"/api/v1/territories/{setup.Territory.Id}/actors/{mde}/contacts",
            new { firstName = "Camille", lastName = "Durand", decisionPower = "non", lawfulBasis = "interet-legitime" }, Cancellation);
        representative.StatusCode.ShouldBe(HttpStatusCode.Created);
        var piloteParticipation = await ParticipateAsync(setup, new
        {
            actorId = mde, role = "pilote", conditionsMet = AllPiloteConditions, wave = 1, decisionWeight = 30,
            representativeContactId = (Guid)(await ReadAsync(representative))["id"]!,
        });
        var codes = await CodesAsync(setup);
        codes.ShouldNotContain("pilote-absent");
        codes.ShouldContain("representant-sans-pouvoir");

        var club = await ActorAsync(setup, new { name = "Club d'entreprises Activ'Est", family = "entreprises", subtype = "club-entreprises", perimeter = Charenton });
        var clubParticipation = await ParticipateAsync(setup, new { actorId = club, role = "operateur", wave = 2, decisionWeight = 10 });
        codes = await CodesAsync(setup);
        codes.ShouldContain("entreprises-absentes", "les entreprises n'arrivent qu'en deuxième vague");
        codes.ShouldContain("hors-perimetre", "le club n'agit que sur Charenton");

        var update = await setup.Api.PutAsJsonAsync($"{setup.Project}/participations/{(Guid)clubParticipation["id"]!}",
            new { actorId = club, role = "operateur", wave = 1, decisionWeight = 10, isActive = true, version = (long)clubParticipation["version"]! }, Cancellation);
        update.StatusCode.ShouldBe(HttpStatusCode.OK, await update.Content.ReadAsStringAsync(Cancellation));
        (await CodesAsync(setup)).ShouldNotContain("entreprises-absentes");

        var deliverable = await setup.Api.PostAsJsonAsync($"{setup.Project}/deliverables",
            new { phase = "evaluation", title = "Bilan : efficacité, efficience, impact", dueDate = Day(290) }, Cancellation);
        deliverable.StatusCode.ShouldBe(HttpStatusCode.Created);
        (await CodesAsync(setup)).ShouldNotContain("evaluation-absente");
        ((string)piloteParticipation["role"]!).ShouldBe("pilote");

        var other = await app.SeedTerritoryAsync((setup.Pilote, TerritoryRole.Pilote));
        (await setup.Api.GetAsync($"/api/v1/territories/{other.Id}/projects/{setup.ProjectId}/vigilance", Cancellation))
            .StatusCode.ShouldBe(HttpStatusCode.NotFound, "un autre territoire ne voit pas ce projet");
        var reader = app.CreateApiClient(await app.CreateTokenAsync(setup.Lecteur));
        (await reader.GetAsync($"{setup.Project}/vigilance", Cancellation)).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_finished_project_asks_for_a_decision_on_what_follows_and_keeps_it_with_its_version()
    {
        var setup = await SetUpAsync(new { name = "Multi-salariat sur l'Écopôle", startDate = "2025-01-01", endDate = "2025-12-31", perimeter = Charenton });
        app.Clock.Now = new DateTimeOffset(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);
        try
        {
            (await CodesAsync(setup)).ShouldContain("echeance-depassee");
            var project = await ReadAsync(await setup.Api.GetAsync(setup.Project, Cancellation));
            var version = (long)project["version"]!;

            var unknown = await setup.Api.PutAsJsonAsync($"{setup.Project}/follow-up", new { decision = "prolongation", decidedOn = "2026-02-15", version }, Cancellation);
            unknown.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
            (await unknown.Content.ReadAsStringAsync(Cancellation)).ShouldContain("reconduction, evolution ou arret");
            var early = await setup.Api.PutAsJsonAsync($"{setup.Project}/follow-up", new { decision = "arret", decidedOn = "2024-12-01", version }, Cancellation);
            early.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
            (await early.Content.ReadAsStringAsync(Cancellation)).ShouldContain("précède le début du projet");

            var decided = await setup.Api.PutAsJsonAsync($"{setup.Project}/follow-up",
                new { decision = "evolution", decidedOn = "2026-02-15", note = "Élargir à toutes les entreprises de la zone", version }, Cancellation);
            decided.StatusCode.ShouldBe(HttpStatusCode.OK, await decided.Content.ReadAsStringAsync(Cancellation));
            var followUp = (await ReadAsync(decided))["followUp"]!;
            ((string)followUp["decision"]!).ShouldBe("evolution");
            ((string)followUp["label"]!).ShouldBe("Poursuivi sous une autre forme");
            (await CodesAsync(setup)).ShouldNotContain("echeance-depassee");

            var stale = await setup.Api.PutAsJsonAsync($"{setup.Project}/follow-up", new { decision = "arret", decidedOn = "2026-02-20", version }, Cancellation);
            stale.StatusCode.ShouldBe(HttpStatusCode.Conflict, "une décision concurrente est signalée, pas écrasée");
            var reread = await ReadAsync(await setup.Api.GetAsync(setup.Project, Cancellation));
            ((string)reread["followUp"]!["decision"]!).ShouldBe("evolution");

            var withdrawn = await setup.Api.PutAsJsonAsync($"{setup.Project}/follow-up", new { decision = "", version = (long)reread["version"]! }, Cancellation);
            withdrawn.StatusCode.ShouldBe(HttpStatusCode.OK);
            (await ReadAsync(withdrawn))["followUp"].ShouldBeNull();
            (await CodesAsync(setup)).ShouldContain("echeance-depassee");

            var reader = app.CreateApiClient(await app.CreateTokenAsync(setup.Lecteur));
            (await reader.PutAsJsonAsync($"{setup.Project}/follow-up", new { decision = "arret", decidedOn = "2026-02-20" }, Cancellation))
                .StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        }
        finally
        {
            app.Clock.Now = null;
        }
    }

    [Fact]
    public async Task The_project_page_and_the_territory_dashboard_show_the_points_and_the_pilote_records_the_follow_up()
    {
        var setup = await SetUpAsync(new { name = "Agir ensemble sur le territoire", startDate = "2025-01-01", endDate = "2025-12-31", perimeter = Charenton });
        var browser = await app.LoginAsync(setup.Pilote);

        var (_, show) = await browser.GetPageAsync(setup.Page);
        var items = show.QuerySelectorAll("#vigilance .vigilance-point");
        items.Select(i => i.GetAttribute("data-code")).ShouldContain("echeance-depassee");
        var deadline = items.First(i => i.GetAttribute("data-code") == "echeance-depassee");
        deadline.QuerySelector(".vigilance-message")!.TextContent.ShouldBe("Le projet a pris fin le 31/12/2025 et aucune suite n'a été décidée.");
        deadline.QuerySelector("blockquote cite")!.TextContent.ShouldBe("Source 004 — Stratégie et partenariat");
        deadline.QuerySelector("a")!.GetAttribute("href").ShouldBe($"{setup.Page}#suite");

        var version = show.QuerySelector("#suite input[name='version']")!.GetAttribute("value")!;
        var refused = await browser.PostFormAsync($"{setup.Page}?handler=FollowUp", ("decision", "reconduction"), ("decidedOn", ""), ("note", "Bilan positif"), ("version", version));
        refused.StatusCode.ShouldBe(HttpStatusCode.OK);
        var refusedPage = await refused.ReadHtmlAsync();
        refusedPage.QuerySelector("#suite .invalid-feedback")!.TextContent.ShouldContain("Date de la décision : la date est obligatoire.");
        refusedPage.QuerySelector("#suite-motifs")!.TextContent.ShouldBe("Bilan positif", "rien n'est perdu");

        var saved = await browser.PostFormAsync($"{setup.Page}?handler=FollowUp", ("decision", "reconduction"), ("decidedOn", "2026-01-20"), ("note", "Bilan positif"), ("version", version));
        saved.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var (_, after) = await browser.GetPageAsync(setup.Page);
        after.QuerySelector(".project-follow-up")!.TextContent.ShouldContain("Reconduit");
        after.QuerySelectorAll("#vigilance .vigilance-point").Select(i => i.GetAttribute("data-code")).ShouldNotContain("echeance-depassee");
        var stale = await browser.PostFormAsync($"{setup.Page}?handler=FollowUp", ("decision", "arret"), ("decidedOn", "2026-01-21"), ("version", version));
        stale.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await stale.ReadHtmlAsync()).QuerySelector("#conflit").ShouldNotBeNull();

        var reader = await app.LoginAsync(setup.Lecteur);
        var (_, dashboard) = await reader.GetPageAsync($"/territoires/{setup.Territory.Id}/projets/vigilance");
        var section = dashboard.QuerySelector($"#projet-{setup.ProjectId}")!;
        section.QuerySelector("h2")!.TextContent.ShouldBe("Agir ensemble sur le territoire");
        section.QuerySelectorAll(".vigilance-point").Select(i => i.GetAttribute("data-code")).ShouldContain("pilote-absent");
        dashboard.QuerySelector(".vigilance-summary tbody tr")!.TextContent.ShouldContain("31/12/2025");
        var (_, readOnly) = await reader.GetPageAsync(setup.Page);
        readOnly.QuerySelector("#suite form").ShouldBeNull("le lecteur lit la décision sans formulaire");
        (await reader.PostFormAsync($"{setup.Page}?handler=FollowUp", ("decision", "arret"), ("decidedOn", "2026-01-21")))
            .StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task The_territory_dashboard_pages_its_projects_in_the_database()
    {
        var setup = await SetUpAsync();
        for (var i = 1; i <= 22; i++)
        {
            (await setup.Api.PostAsJsonAsync(setup.Projects, new { name = $"Projet {i:00}" }, Cancellation)).StatusCode.ShouldBe(HttpStatusCode.Created);
        }

        var first = await ReadAsync(await setup.Api.GetAsync($"{setup.Projects}/vigilance?pageSize=10", Cancellation));
        ((int)first["total"]!).ShouldBe(23);
        first["items"]!.AsArray().Count.ShouldBe(10);
        ((string)first["items"]![0]!["name"]!).ShouldBe("Agir ensemble sur le territoire");
        first["items"]![1]!["points"]!.AsArray().Select(p => (string)p!["code"]!).ShouldContain("perimetre-absent");
        var last = await ReadAsync(await setup.Api.GetAsync($"{setup.Projects}/vigilance?page=3&pageSize=10", Cancellation));
        last["items"]!.AsArray().Select(p => (string)p!["name"]!).ShouldBe(["Projet 20", "Projet 21", "Projet 22"]);
        (await setup.Api.GetAsync($"{setup.Projects}/vigilance?pageSize=500", Cancellation)).StatusCode.ShouldBe(HttpStatusCode.BadRequest);

        var browser = await app.LoginAsync(setup.Pilote);
        var (_, page2) = await browser.GetPageAsync($"/territoires/{setup.Territory.Id}/projets/vigilance?p=2");
        page2.QuerySelectorAll(".vigilance-project").Length.ShouldBe(3);
        page2.QuerySelector(".pagination [aria-current='page']")!.TextContent.ShouldBe("Page 2 sur 2");
    }
}

public sealed class VigilanceTests_Sqlite(ActorsSqliteApp app) : VigilanceTests(app), IClassFixture<ActorsSqliteApp>;

public sealed class VigilanceTests_PostgreSql(ActorsPostgresApp app) : VigilanceTests(app), IClassFixture<ActorsPostgresApp>;
