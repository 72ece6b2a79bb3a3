using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Maillage.Tests.Actors;
using Maillage.Tests.Infrastructure;
using Maillage.Territories;

namespace Maillage.Tests.Projects;

/// <summary>A project framed like the Charenton-Saint-Maurice example of source 003, through the API and the pages, on both databases.</summary>
public abstract class ProjectTests(ClockedApp app)
{
    private static readonly string[] UnknownTheme = ["sport"];
    private static readonly string[] UnknownArea = ["99999"];

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    private static object Charenton(long? version = null) => new
    {
        name = "Agir ensemble sur le territoire",
        motives = "Les partenariats associations – entreprises apparaissent comme un levier pertinent.",
        objectives = "Inventer collectivement des solutions de partenariat.",
        perimeter = new[] { "94018", "94069" },
        description = "Des groupes de travail mixtes, associations et entreprises (8 à 12 participants).",
        principles = "Capitaliser les travaux effectués ; être concret.",
        positioning = "Le RAMEAU apporte la méthode, la collectivité invite.",
        operationalRoles = "Animation partagée ; copil représentatif.",
        themes = new[] { "insertion", "emploi", "handicap", "environnement" },
        targetPopulation = "Associations et entreprises du territoire",
        startDate = "2012-01-01",
        endDate = "2012-12-31",
        targetsCompanies = true,
        version,
    };

    private static async Task<JsonNode> ReadAsync(HttpResponseMessage response) =>
        JsonNode.Parse(await response.Content.ReadAsStringAsync(Cancellation))!;

    [Fact]
    public async Task Api_frames_a_project_with_phases_deliverables_and_copils_and_refuses_a_stale_edit()
    {
        var pilote = await app.CreateUserAsync("pilote");
        var lecteur = await app.CreateUserAsync("lecteur");
        var territory = await app.SeedTerritoryAsync((pilote, TerritoryRole.Pilote), (lecteur, TerritoryRole.Lecteur));
        var api = app.CreateApiClient(await app.CreateTokenAsync(pilote));
        var projects = $"/api/v1/territories/{territory.Id}/projects";

        var created = await api.PostAsJsonAsync(projects, Charenton(), Cancellation);
        created.StatusCode.ShouldBe(HttpStatusCode.Created);
        var project = await ReadAsync(created);
        var id = (Guid)project["id"]!;
        project["targetsCompanies"]!.GetValue<bool>().ShouldBeTrue();
        project["perimeterAreas"]!.AsArray().Select(a => (string)a!["name"]!).ShouldBe(["Charenton-le-Pont", "Saint-Maurice"]);
        project["themes"]!.AsArray().Select(t => (string)t!["code"]!).ShouldBe(["insertion", "emploi", "handicap", "environnement"]);
        project["phases"]!.AsArray().Select(p => (string)p!["phase"]!).ShouldBe(["preparation", "experimentation", "evaluation"]);
        var version = (long)project["version"]!;

        var updated = await api.PutAsJsonAsync($"{projects}/{id}", Charenton(version), Cancellation);
        updated.StatusCode.ShouldBe(HttpStatusCode.OK);
        var renamed = await api.PutAsJsonAsync($"{projects}/{id}", new { name = "Agir ensemble dans le territoire", startDate = "2012-01-01", endDate = "2012-12-31", version }, Cancellation);
        renamed.StatusCode.ShouldBe(HttpStatusCode.OK, "la même version relue après un enregistrement sans changement reste valable");
        var stale = await api.PutAsJsonAsync($"{projects}/{id}", new { name = "Autre nom", version }, Cancellation);
        stale.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await stale.Content.ReadAsStringAsync(Cancellation)).ShouldContain("Agir ensemble dans le territoire");

        var current = (long)(await ReadAsync(await api.GetAsync($"{projects}/{id}", Cancellation)))["version"]!;
        var backwards = await api.PutAsJsonAsync($"{projects}/{id}", new { name = "Agir ensemble", startDate = "2012-12-31", endDate = "2012-01-01", version = current }, Cancellation);
        backwards.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await backwards.Content.ReadAsStringAsync(Cancellation)).ShouldContain("précède la date de début");
        var unknownTheme = await api.PutAsJsonAsync($"{projects}/{id}", new { name = "Agir ensemble", themes = UnknownTheme, version = current }, Cancellation);
        unknownTheme.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        var unknownArea = await api.PostAsJsonAsync(projects, new { name = "Ailleurs", perimeter = UnknownArea }, Cancellation);
        unknownArea.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        var nameless = await api.PostAsJsonAsync(projects, new { name = "" }, Cancellation);
        nameless.StatusCode.ShouldBe(HttpStatusCode.BadRequest);

        var phase = await ReadAsync(await api.GetAsync($"{projects}/{id}", Cancellation));
        var preparationVersion = (long)phase["phases"]![0]!["version"]!;
        var prepared = await api.PutAsJsonAsync($"{projects}/{id}/phases/preparation", new
        {
            objectives = "Cadrer et préparer", method = "Entretiens préparatoires avec les élus et les participants",
            startDate = "2011-10-01", endDate = "2011-12-31", version = preparationVersion,
        }, Cancellation);
        prepared.StatusCode.ShouldBe(HttpStatusCode.OK);
        ((string)(await ReadAsync(prepared))["method"]!).ShouldStartWith("Entretiens");
        (await api.PutAsJsonAsync($"{projects}/{id}/phases/cloture", new { version = 1 }, Cancellation)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await api.PutAsJsonAsync($"{projects}/{id}/phases/preparation", new { objectives = "x", version = preparationVersion }, Cancellation))
            .StatusCode.ShouldBe(HttpStatusCode.Conflict);

        var deliverable = await api.PostAsJsonAsync($"{projects}/{id}/deliverables",
            new { phase = "experimentation", title = "Plan d'action GT3", dueDate = "2012-06-30", owner = "Le RAMEAU" }, Cancellation);
        deliverable.StatusCode.ShouldBe(HttpStatusCode.Created);
        var deliverableJson = await ReadAsync(deliverable);
        ((string)deliverableJson["status"]!).ShouldBe("prevu");
        var deliverableId = (Guid)deliverableJson["id"]!;
        var delivered = await api.PutAsJsonAsync($"{projects}/{id}/deliverables/{deliverableId}",
            new { phase = "experimentation", title = "Plan d'action GT3", dueDate = "2012-06-30", owner = "Le RAMEAU", status = "livre", version = (long)deliverableJson["version"]! }, Cancellation);
        delivered.StatusCode.ShouldBe(HttpStatusCode.OK);
        ((string)(await ReadAsync(delivered))["statusLabel"]!).ShouldBe("Livré");
        (await api.PostAsJsonAsync($"{projects}/{id}/deliverables", new { phase = "experimentation", title = "X", status = "fini" }, Cancellation))
            .StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);

        var copil = await api.PostAsJsonAsync($"{projects}/{id}/copils", new { date = "2012-01-15", label = "Copil de lancement" }, Cancellation);
        copil.StatusCode.ShouldBe(HttpStatusCode.Created);
        (await api.PostAsJsonAsync($"{projects}/{id}/copils", new { date = "2012-01-15" }, Cancellation)).StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        var copilId = (Guid)(await ReadAsync(copil))["id"]!;

        var read = await ReadAsync(await api.GetAsync($"{projects}/{id}", Cancellation));
        read["deliverables"]!.AsArray().Count.ShouldBe(1);
        read["copils"]!.AsArray().Select(c => (string)c!["label"]!).ShouldBe(["Copil de lancement"]);
        ((string)read["phases"]![0]!["objectives"]!).ShouldBe("Cadrer et préparer");

        (await api.DeleteAsync($"{projects}/{id}/copils/{copilId}", Cancellation)).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await api.DeleteAsync($"{projects}/{id}/deliverables/{deliverableId}", Cancellation)).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        var history = (await ReadAsync(await api.GetAsync($"{projects}/{id}/history", Cancellation))).AsArray();
        history.Select(h => (string)h!["entityType"]!).Distinct().Order().ShouldBe(["Project", "ProjectCopil", "ProjectDeliverable", "ProjectPhase"]);
        history.Count(h => (string)h!["action"]! == "Deleted").ShouldBe(2, "les suppressions restent dans l'historique du projet");

        var reader = app.CreateApiClient(await app.CreateTokenAsync(lecteur));
        (await reader.GetAsync($"{projects}/{id}", Cancellation)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await reader.PostAsJsonAsync(projects, Charenton(), Cancellation)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);

        var other = await app.SeedTerritoryAsync((pilote, TerritoryRole.Pilote));
        (await api.GetAsync($"/api/v1/territories/{other.Id}/projects/{id}", Cancellation)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await api.DeleteAsync($"/api/v1/territories/{other.Id}/projects/{id}", Cancellation)).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        (await api.DeleteAsync($"{projects}/{id}", Cancellation)).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await api.GetAsync($"{projects}/{id}", Cancellation)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task List_is_searched_and_paged_in_the_database()
    {
        var pilote = await app.CreateUserAsync("pilote");
        var territory = await app.SeedTerritoryAsync((pilote, TerritoryRole.Pilote));
        var api = app.CreateApiClient(await app.CreateTokenAsync(pilote));
        var projects = $"/api/v1/territories/{territory.Id}/projects";
        for (var i = 1; i <= 27; i++)
        {
            (await api.PostAsJsonAsync(projects, new { name = $"Projet {i:00}" }, Cancellation)).StatusCode.ShouldBe(HttpStatusCode.Created);
        }

        (await api.PostAsJsonAsync(projects, new { name = "Mobilité 100% solidaire" }, Cancellation)).StatusCode.ShouldBe(HttpStatusCode.Created);

        var page = await ReadAsync(await api.GetAsync($"{projects}?page=2&pageSize=10", Cancellation));
        ((int)page["total"]!).ShouldBe(28);
        page["items"]!.AsArray().Select(p => (string)p!["name"]!).First().ShouldBe("Projet 10");
        var found = await ReadAsync(await api.GetAsync($"{projects}?q=100%25", Cancellation));
        found["items"]!.AsArray().Select(p => (string)p!["name"]!).ShouldBe(["Mobilité 100% solidaire"]);
        (await api.GetAsync($"{projects}?pageSize=500", Cancellation)).StatusCode.ShouldBe(HttpStatusCode.BadRequest);

        var browser = await app.LoginAsync(pilote);
        var (_, first) = await browser.GetPageAsync($"/territoires/{territory.Id}/projets");
        first.QuerySelectorAll(".project-list tbody tr").Length.ShouldBe(25);
        var (_, second) = await browser.GetPageAsync($"/territoires/{territory.Id}/projets?p=2");
        second.QuerySelectorAll(".project-list tbody tr").Select(r => r.QuerySelector("a")!.TextContent).ShouldBe(["Projet 25", "Projet 26", "Projet 27"]);
        second.QuerySelector("a[rel=prev]").ShouldNotBeNull();
        var (_, searched) = await browser.GetPageAsync($"/territoires/{territory.Id}/projets?q=mobilit");
        searched.QuerySelectorAll(".project-list tbody tr").Length.ShouldBe(1);
    }

    [Fact]
    public async Task Pilote_frames_a_project_in_the_pages_and_reads_it_with_its_planning_and_history()
    {
        var pilote = await app.CreateUserAsync("pilote");
        var lecteur = await app.CreateUserAsync("lecteur");
        var territory = await app.SeedTerritoryAsync((pilote, TerritoryRole.Pilote), (lecteur, TerritoryRole.Lecteur));
        var browser = await app.LoginAsync(pilote);
        var newUrl = $"/territoires/{territory.Id}/projets/nouveau";

        var (_, empty) = await browser.GetPageAsync(newUrl);
        empty.QuerySelector("fieldset.perimeter-picker").ShouldNotBeNull("le périmètre se choisit avec le sélecteur des territoires");
        var refused = await browser.PostFormAsync(newUrl,
        [
            KeyValuePair.Create("Input.Name", "Agir ensemble sur le territoire"), KeyValuePair.Create("Input.Motives", "Un levier pertinent."),
            KeyValuePair.Create("Input.Perimeter", "94018"), KeyValuePair.Create("Input.Themes", "emploi"),
            KeyValuePair.Create("Input.StartDate", "2012-12-31"), KeyValuePair.Create("Input.EndDate", "2012-01-01"),
        ]);
        refused.StatusCode.ShouldBe(HttpStatusCode.OK);
        var refusedPage = await refused.ReadHtmlAsync();
        refusedPage.QuerySelector("#erreur-EndDate")!.TextContent.ShouldContain("précède la date de début");
        refusedPage.QuerySelector("#Input_Motives")!.TextContent.ShouldBe("Un levier pertinent.", "rien n'est perdu");
        refusedPage.QuerySelector("#theme-emploi")!.HasAttribute("checked").ShouldBeTrue();
        refusedPage.QuerySelectorAll(".area-chip input[name='Input.Perimeter']").Length.ShouldBe(1);

        var created = await browser.PostFormAsync(newUrl,
        [
            KeyValuePair.Create("Input.Name", "Agir ensemble sur le territoire"), KeyValuePair.Create("Input.Motives", "Un levier pertinent."),
            KeyValuePair.Create("Input.Objectives", "Inventer collectivement des solutions de partenariat."),
            KeyValuePair.Create("Input.Perimeter", "94018"), KeyValuePair.Create("Input.Perimeter", "94069"),
            KeyValuePair.Create("Input.Themes", "emploi"), KeyValuePair.Create("Input.Themes", "handicap"),
            KeyValuePair.Create("Input.TargetsCompanies", "true"),
            KeyValuePair.Create("Input.StartDate", "2012-01-01"), KeyValuePair.Create("Input.EndDate", "2012-12-31"),
        ]);
        created.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var showUrl = created.RedirectPath()!;
        var (_, show) = await browser.GetPageAsync(showUrl);
        show.QuerySelector("h1")!.TextContent.ShouldBe("Agir ensemble sur le territoire");
        show.QuerySelector(".project-perimeter")!.TextContent.ShouldContain("Charenton-le-Pont");
        show.QuerySelector(".project-themes")!.TextContent.ShouldBe("Emploi, Handicap");
        show.QuerySelectorAll("article.project-phase").Length.ShouldBe(3);
        show.QuerySelector("rect.timeline-project").ShouldNotBeNull();

        var phaseUrl = $"{showUrl}/phases/experimentation";
        var (_, phaseForm) = await browser.GetPageAsync(phaseUrl);
        var phaseVersion = phaseForm.QuerySelector("input[name='Input.Version']")!.GetAttribute("value")!;
        (await browser.PostFormAsync(phaseUrl,
        [
            KeyValuePair.Create("Input.Version", phaseVersion), KeyValuePair.Create("Input.Objectives", "Proposer des solutions opérationnelles"),
            KeyValuePair.Create("Input.Method", "Réunion de lancement, GT1 diagnostic, GT2 pistes de solution, GT3 plan d'action, restitution"),
            KeyValuePair.Create("Input.StartDate", "2012-01-01"), KeyValuePair.Create("Input.EndDate", "2012-06-30"),
        ])).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var stalePhase = await browser.PostFormAsync(phaseUrl, [KeyValuePair.Create("Input.Version", phaseVersion), KeyValuePair.Create("Input.Objectives", "Autre")]);
        stalePhase.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await stalePhase.ReadHtmlAsync()).QuerySelector("#conflit")!.TextContent.ShouldContain("Proposer des solutions opérationnelles");
        (await browser.GetAsync($"{showUrl}/phases/cloture", Cancellation)).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        (await browser.PostFormAsync($"{showUrl}?handler=AddDeliverable",
            [KeyValuePair.Create("phase", "experimentation"), KeyValuePair.Create("title", "Plan d'action"), KeyValuePair.Create("dueDate", "2012-06-30"), KeyValuePair.Create("owner", "Le RAMEAU")],
            formPage: showUrl)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var untitled = await browser.PostFormAsync($"{showUrl}?handler=AddDeliverable",
            [KeyValuePair.Create("phase", "evaluation"), KeyValuePair.Create("title", " "), KeyValuePair.Create("owner", "Collectivité")], formPage: showUrl);
        untitled.StatusCode.ShouldBe(HttpStatusCode.OK);
        var untitledPage = await untitled.ReadHtmlAsync();
        untitledPage.QuerySelector("#phase-evaluation .invalid-feedback")!.TextContent.ShouldContain("l'intitulé est obligatoire");
        untitledPage.QuerySelector("#livrable-evaluation-responsable")!.GetAttribute("value").ShouldBe("Collectivité");
        (await browser.PostFormAsync($"{showUrl}?handler=AddCopil", [KeyValuePair.Create("date", "2012-01-15"), KeyValuePair.Create("label", "Copil de lancement")], formPage: showUrl))
            .StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var twice = await browser.PostFormAsync($"{showUrl}?handler=AddCopil", [KeyValuePair.Create("date", "2012-01-15")], formPage: showUrl);
        (await twice.ReadHtmlAsync()).QuerySelector("#planning .invalid-feedback")!.TextContent.ShouldContain("déjà prévu le 15/01/2012");

        var (_, planned) = await browser.GetPageAsync(showUrl);
        planned.QuerySelector("rect.timeline-experimentation").ShouldNotBeNull();
        planned.QuerySelector("polygon.timeline-copil title")!.TextContent.ShouldContain("Copil de lancement");
        planned.QuerySelector("circle.timeline-deliverable").ShouldNotBeNull();
        planned.QuerySelector("#phase-experimentation .deliverables")!.TextContent.ShouldContain("Plan d'action");
        var statusForm = planned.QuerySelector("#phase-experimentation form[action*='DeliverableStatus']")!;
        var deliverableId = statusForm.QuerySelector("input[name=deliverableId]")!.GetAttribute("value")!;
        var deliverableVersion = statusForm.QuerySelector("input[name=version]")!.GetAttribute("value")!;
        (await browser.PostFormAsync($"{showUrl}?handler=DeliverableStatus",
            [KeyValuePair.Create("deliverableId", deliverableId), KeyValuePair.Create("version", deliverableVersion), KeyValuePair.Create("status", "livre")], formPage: showUrl))
            .StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var history = (await browser.GetPageAsync(showUrl)).Document.QuerySelector(".history-table")!.TextContent;
        history.ShouldContain("Mode opératoire");
        history.ShouldContain("Livré");

        var editUrl = $"{showUrl}/modifier";
        var (_, editForm) = await browser.GetPageAsync(editUrl);
        var version = editForm.QuerySelector("input[name='Input.Version']")!.GetAttribute("value")!;
        editForm.QuerySelectorAll(".area-chip").Length.ShouldBe(2);
        (await browser.PostFormAsync(editUrl,
        [
            KeyValuePair.Create("Input.Version", version), KeyValuePair.Create("Input.Name", "Agir ensemble dans le territoire"),
            KeyValuePair.Create("Input.Perimeter", "94018"), KeyValuePair.Create("Input.StartDate", "2012-01-01"), KeyValuePair.Create("Input.EndDate", "2012-12-31"),
        ])).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var staleEdit = await browser.PostFormAsync(editUrl, [KeyValuePair.Create("Input.Version", version), KeyValuePair.Create("Input.Name", "Autre")]);
        staleEdit.StatusCode.ShouldBe(HttpStatusCode.OK);
        var conflictPage = await staleEdit.ReadHtmlAsync();
        conflictPage.QuerySelector("#conflit")!.TextContent.ShouldContain("Agir ensemble dans le territoire");
        conflictPage.QuerySelector("#Input_Name")!.GetAttribute("value").ShouldBe("Agir ensemble dans le territoire");

        var reader = await app.LoginAsync(lecteur);
        var (readResponse, readPage) = await reader.GetPageAsync(showUrl);
        readResponse.StatusCode.ShouldBe(HttpStatusCode.OK);
        readPage.QuerySelector($"a[href='{editUrl}']").ShouldBeNull();
        readPage.QuerySelector("form[action*='AddCopil']").ShouldBeNull();
        (await reader.GetAsync(editUrl, Cancellation)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await reader.GetAsync($"/territoires/{territory.Id}", Cancellation)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await reader.GetPageAsync($"/territoires/{territory.Id}")).Document.QuerySelector($"nav.territory-nav a[href='/territoires/{territory.Id}/projets']").ShouldNotBeNull();

        var other = await app.SeedTerritoryAsync((pilote, TerritoryRole.Pilote));
        (await browser.GetAsync(showUrl.Replace(territory.Id.ToString(), other.Id.ToString(), StringComparison.Ordinal), Cancellation)).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        var (_, deleteForm) = await browser.GetPageAsync(editUrl);
        var deleteVersion = deleteForm.QuerySelector("form[action*='Delete'] input[name=version]")!.GetAttribute("value")!;
        var deleted = await browser.PostFormAsync($"{editUrl}?handler=Delete", [KeyValuePair.Create("version", deleteVersion)], formPage: editUrl);
        deleted.RedirectPath().ShouldBe($"/territoires/{territory.Id}/projets");
        (await browser.GetAsync(showUrl, Cancellation)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }
}

public sealed class ProjectTests_Sqlite(ActorsSqliteApp app) : ProjectTests(app), IClassFixture<ActorsSqliteApp>;

public sealed class ProjectTests_PostgreSql(ActorsPostgresApp app) : ProjectTests(app), IClassFixture<ActorsPostgresApp>;
