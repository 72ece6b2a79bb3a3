using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Maillage.Tests.Infrastructure;
using Maillage.Territories;

namespace Maillage.Tests.Actors;

/// <summary>Editing a relation from an actor's page, and a stale edit refused with what changed.</summary>
public sealed class RelationEditPageTests(ActorsSqliteApp app) : IClassFixture<ActorsSqliteApp>
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Pilote_edits_a_relation_and_a_stale_form_is_refused()
    {
        var pilote = await app.CreateUserAsync("pilote");
        var territory = await app.SeedTerritoryAsync((pilote, TerritoryRole.Pilote));
        var api = app.CreateApiClient(await app.CreateTokenAsync(pilote));
        async Task<Guid> CreateAsync(string name, string family)
        {
            var response = await api.PostAsJsonAsync($"/api/v1/territories/{territory.Id}/actors?force=true", new { name, family }, Cancellation);
            response.StatusCode.ShouldBe(HttpStatusCode.Created);
            return (Guid)JsonNode.Parse(await response.Content.ReadAsStringAsync(Cancellation))!["id"]!;
        }

        var region = await CreateAsync("Région Île-de-France", "pouvoirs-publics");
        var mission = await CreateAsync("Mission locale des Bords de Marne", "emploi-formation");
        var created = await api.PostAsJsonAsync($"/api/v1/territories/{territory.Id}/actors/{region}/relations",
            new { targetActorId = mission, type = "finance", strength = 2 }, Cancellation);
        created.StatusCode.ShouldBe(HttpStatusCode.Created);
        var relationId = (Guid)JsonNode.Parse(await created.Content.ReadAsStringAsync(Cancellation))!["id"]!;

        var browser = await app.LoginAsync(pilote);
        var (_, actorPage) = await browser.GetPageAsync($"/territoires/{territory.Id}/acteurs/{mission}");
        var editUrl = $"/territoires/{territory.Id}/relations/{relationId}/modifier";
        actorPage.QuerySelector($"a[href='{editUrl}?acteur={mission}']").ShouldNotBeNull("la page de l'acteur mène à la modification");

        var (_, form) = await browser.GetPageAsync($"{editUrl}?acteur={mission}");
        form.QuerySelector("option[selected]")!.GetAttribute("value").ShouldBe("finance");
        var version = form.QuerySelector("input[name='Input.Version']")!.GetAttribute("value")!;
        var saved = await browser.PostFormAsync(editUrl,
        [
            KeyValuePair.Create("Input.Version", version), KeyValuePair.Create("acteur", mission.ToString()),
            KeyValuePair.Create("Input.Type", "tutelle"), KeyValuePair.Create("Input.Strength", "4"),
            KeyValuePair.Create("Input.StartDate", "2024-01-15"), KeyValuePair.Create("Input.Notes", "Convention pluriannuelle"),
        ]);
        saved.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        saved.Headers.Location!.OriginalString.ShouldBe($"/territoires/{territory.Id}/acteurs/{mission}#relations");
        var (_, after) = await browser.GetPageAsync($"/territoires/{territory.Id}/acteurs/{mission}");
        after.QuerySelector(".relation-reading")!.TextContent.ShouldBe("est sous la tutelle de");

        var badDates = await browser.PostFormAsync(editUrl,
        [
            KeyValuePair.Create("Input.Version", (long.Parse(version) + 1).ToString()), KeyValuePair.Create("Input.Type", "tutelle"),
            KeyValuePair.Create("Input.StartDate", "2024-01-15"), KeyValuePair.Create("Input.EndDate", "2023-01-01"),
        ]);
        badDates.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await badDates.ReadHtmlAsync()).QuerySelector(".invalid-feedback")!.TextContent.ShouldContain("Date de fin : le 01/01/2023 précède");

        var stale = await browser.PostFormAsync(editUrl,
        [
            KeyValuePair.Create("Input.Version", version), KeyValuePair.Create("Input.Type", "membre-de"), KeyValuePair.Create("Input.Strength", "1"),
        ]);
        stale.StatusCode.ShouldBe(HttpStatusCode.OK);
        var conflict = (await stale.ReadHtmlAsync()).QuerySelector("#conflit")!.TextContent;
        conflict.ShouldContain("« finance » → « exerce la tutelle de »");
        conflict.ShouldContain("Intensité : « 2 » → « 4 »");
        var relation = await app.WithDbAsync(db => Task.FromResult(db.ActorRelations.Single(r => r.Id == relationId)));
        relation.Type.ShouldBe("tutelle");
        relation.Strength.ShouldBe(4);
        relation.Notes.ShouldBe("Convention pluriannuelle");
    }
}
