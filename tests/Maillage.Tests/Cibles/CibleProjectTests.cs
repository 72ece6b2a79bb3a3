using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Maillage.Tests.Infrastructure;
using Maillage.Territories;

namespace Maillage.Tests.Cibles;

/// <summary>La cible of a project (issue 5: « for a project or for the organisation »), by the API and by the pages.</summary>
public abstract class CibleProjectTests(MaillageApp app)
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    private static async Task<JsonNode> CreatedAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync(Cancellation);
        response.StatusCode.ShouldBe(HttpStatusCode.Created, text);
        return JsonNode.Parse(text)!;
    }

    private sealed record Setup(TestUser Pilote, Guid TerritoryId, HttpClient Api, Guid ProjectId, Guid Mission, Guid Club, Guid Outsider);

    /// <summary>A project with two participants (Mission locale, Club d'entreprises) and an actor of the territory outside it.</summary>
    private async Task<Setup> ProjectAsync()
    {
        var pilote = await app.CreateUserAsync("pilote");
        var territory = await app.SeedTerritoryAsync((pilote, TerritoryRole.Pilote));
        var api = app.CreateApiClient(await app.CreateTokenAsync(pilote));
        var root = $"/api/v1/territories/{territory.Id}";
        async Task<Guid> ActorAsync(string name, string family) =>
            (Guid)(await CreatedAsync(await api.PostAsJsonAsync($"{root}/actors?force=true", new { name, family }, Cancellation)))["id"]!;

        var mission = await ActorAsync("Mission locale des Bords de Marne", "emploi-formation");
        var club = await ActorAsync("Club d'entreprises du Val", "entreprises");
        var outsider = await ActorAsync("Fondation hors projet", "associations");
        var project = (Guid)(await CreatedAsync(await api.PostAsJsonAsync($"{root}/projects", new { name = "Agir ensemble" }, Cancellation)))["id"]!;
        foreach (var actor in new[] { mission, club })
        {
            await CreatedAsync(await api.PostAsJsonAsync($"{root}/projects/{project}/participations", new { actorId = actor, role = "partenaire" }, Cancellation));
        }

        return new Setup(pilote, territory.Id, api, project, mission, club, outsider);
    }

    [Fact]
    public async Task The_api_creates_a_project_cible_and_refuses_another_territory_s_project()
    {
        var setup = await ProjectAsync();
        var cibles = $"/api/v1/territories/{setup.TerritoryId}/cibles";

        var cible = await CreatedAsync(await setup.Api.PostAsJsonAsync(cibles, new { name = "Cible du projet", projectId = setup.ProjectId }, Cancellation));
        ((Guid?)cible["projectId"]).ShouldBe(setup.ProjectId);
        var organisation = await CreatedAsync(await setup.Api.PostAsJsonAsync(cibles, new { name = "Cible de l'organisation" }, Cancellation));
        organisation["projectId"].ShouldBeNull();

        var listed = JsonNode.Parse(await setup.Api.GetStringAsync($"{cibles}?projectId={setup.ProjectId}", Cancellation))!;
        ((int)listed["total"]!).ShouldBe(1);
        ((string)listed["items"]![0]!["name"]!).ShouldBe("Cible du projet");

        var elsewhere = await ProjectAsync();
        var refused = await setup.Api.PostAsJsonAsync(cibles, new { name = "Cible d'ailleurs", projectId = elsewhere.ProjectId }, Cancellation);
        refused.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await refused.Content.ReadAsStringAsync(Cancellation)).ShouldContain("ce projet n'existe pas dans ce territoire");
        JsonNode.Parse(await setup.Api.GetStringAsync(cibles, Cancellation))!["total"]!.GetValue<int>().ShouldBe(2, "nothing created by the refused request");
    }

    [Fact]
    public async Task The_project_page_creates_its_cible_with_the_participants_proposed_for_step_one()
    {
        var setup = await ProjectAsync();
        var browser = await app.LoginAsync(setup.Pilote);
        var projectUrl = $"/territoires/{setup.TerritoryId}/projets/{setup.ProjectId}";

        var (_, project) = await browser.GetPageAsync(projectUrl);
        project.QuerySelector("#cibles")!.TextContent.ShouldContain("Aucune cible pour ce projet");
        var create = project.QuerySelectorAll("#cibles a").Single(a => a.TextContent.Contains("Créer la cible du projet", StringComparison.Ordinal));
        var formUrl = create.GetAttribute("href")!.Split('#')[0];
        formUrl.ShouldBe($"/territoires/{setup.TerritoryId}/cibles?projet={setup.ProjectId}");

        // Pre-filled: the project's name, and both participants proposed (checked), the outsider not.
        var (_, form) = await browser.GetPageAsync(formUrl);
        form.QuerySelector("#Input_Name")!.GetAttribute("value").ShouldBe("Cible du projet « Agir ensemble »");
        form.QuerySelector("input[name='Input.ProjectId']")!.GetAttribute("value").ShouldBe(setup.ProjectId.ToString());
        var proposed = form.QuerySelectorAll("input[name='Input.ActorIds']").ToList();
        proposed.Select(p => p.GetAttribute("value")).ShouldBe([setup.Club.ToString(), setup.Mission.ToString()], ignoreOrder: true);
        proposed.ShouldAllBe(p => p.HasAttribute("checked"));

        // The pilote keeps only the Mission locale; an actor outside the project slipped into the post is ignored.
        var posted = await browser.PostFormAsync($"/territoires/{setup.TerritoryId}/cibles",
        [
            KeyValuePair.Create("Input.Name", "Cible du projet « Agir ensemble »"),
            KeyValuePair.Create("Input.RingCount", "4"),
            KeyValuePair.Create("Input.ProjectId", setup.ProjectId.ToString()),
            KeyValuePair.Create("Input.ActorIds", setup.Mission.ToString()),
            KeyValuePair.Create("Input.ActorIds", setup.Outsider.ToString()),
        ]);
        posted.StatusCode.ShouldBe(HttpStatusCode.Redirect, await posted.Content.ReadAsStringAsync(Cancellation));
        var cibleUrl = posted.Headers.Location!.OriginalString.Split('#')[0];

        var (_, cible) = await browser.GetPageAsync(cibleUrl);
        var link = cible.QuerySelector("#cible-projet a")!;
        link.TextContent.ShouldBe("Agir ensemble");
        link.GetAttribute("href").ShouldBe(projectUrl);
        var cibleId = Guid.Parse(cibleUrl.Split('/')[^1]);
        var read = JsonNode.Parse(await setup.Api.GetStringAsync($"/api/v1/territories/{setup.TerritoryId}/cibles/{cibleId}", Cancellation))!;
        var placements = read["placements"]!.AsArray();
        placements.Select(p => (Guid)p!["actorId"]!).ShouldBe([setup.Mission]);
        placements[0]!["current"].ShouldBeNull("step 1: hors cible until placed");

        var (_, after) = await browser.GetPageAsync(projectUrl);
        var listed = after.QuerySelector("#cibles a[href$='" + cibleId + "']")!;
        listed.TextContent.ShouldBe("Cible du projet « Agir ensemble »");

        // Another territory's project: the form is not found.
        var elsewhere = await ProjectAsync();
        (await browser.GetAsync($"/territoires/{setup.TerritoryId}/cibles?projet={elsewhere.ProjectId}", Cancellation)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }
}

public sealed class CibleProjectTests_Sqlite(SqliteApp app) : CibleProjectTests(app), IClassFixture<SqliteApp>;

public sealed class CibleProjectTests_PostgreSql(PostgresApp app) : CibleProjectTests(app), IClassFixture<PostgresApp>;
