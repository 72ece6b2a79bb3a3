using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Maillage.Tests.Infrastructure;
using Maillage.Territories;

namespace Maillage.Tests.Actors;

/// <summary>
/// A pilote attaches a partner to its organisation from the actor's page; the partner then updates that record and
/// its contacts in the browser, and only those.
/// </summary>
public sealed class OwnOrganisationPageTests(ActorsSqliteApp app) : IClassFixture<ActorsSqliteApp>
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_partner_attached_by_the_pilote_edits_its_organisation_in_the_browser()
    {
        var pilote = await app.CreateUserAsync("pilote");
        var partner = await app.CreateUserAsync("partenaire");
        var territory = await app.SeedTerritoryAsync((pilote, TerritoryRole.Pilote), (partner, TerritoryRole.Partenaire));
        var api = app.CreateApiClient(await app.CreateTokenAsync(pilote));
        async Task<Guid> CreateAsync(string name, string family)
        {
            var response = await api.PostAsJsonAsync($"/api/v1/territories/{territory.Id}/actors?force=true", new { name, family }, Cancellation);
            response.StatusCode.ShouldBe(HttpStatusCode.Created);
            return (Guid)JsonNode.Parse(await response.Content.ReadAsStringAsync(Cancellation))!["id"]!;
        }

        var club = await CreateAsync("Club des entreprises de Charenton", "entreprises");
        var other = await CreateAsync("Maison de l'emploi du Val", "emploi-formation");
        var clubUrl = $"/territoires/{territory.Id}/acteurs/{club}";

        var partnerBrowser = await app.LoginAsync(partner);
        (await partnerBrowser.GetAsync($"{clubUrl}/modifier", Cancellation)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);

        var piloteBrowser = await app.LoginAsync(pilote);
        var (_, page) = await piloteBrowser.GetPageAsync(clubUrl);
        var memberId = page.QuerySelector("#memberId option")!.GetAttribute("value")!;
        var attached = await piloteBrowser.PostFormAsync($"{clubUrl}?handler=AttachMember", [KeyValuePair.Create("memberId", memberId)]);
        attached.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await piloteBrowser.GetPageAsync(clubUrl)).Item2.QuerySelector("#membres-section li")!.TextContent.ShouldContain("Partenaire");

        var (_, own) = await partnerBrowser.GetPageAsync(clubUrl);
        own.QuerySelector($"a[href='{clubUrl}/modifier']").ShouldNotBeNull("the partner is offered to edit its organisation");
        own.QuerySelector($"a[href='{clubUrl}/fusion']").ShouldBeNull("merging stays with the pilote");
        own.QuerySelector($"nav a[href='{clubUrl}']")!.TextContent.ShouldBe("Mon organisation");
        var (_, form) = await partnerBrowser.GetPageAsync($"{clubUrl}/modifier");
        form.QuerySelector("form[action*='handler=Delete']").ShouldBeNull("a partner does not delete its organisation");
        var saved = await partnerBrowser.PostFormAsync($"{clubUrl}/modifier",
        [
            KeyValuePair.Create("Input.Version", form.QuerySelector("input[name='Input.Version']")!.GetAttribute("value")!),
            KeyValuePair.Create("Input.Name", "Club des entreprises de Charenton"), KeyValuePair.Create("Input.Family", "entreprises"),
            KeyValuePair.Create("Input.Modes", "mecenat"), KeyValuePair.Create("Input.NewCompetences", "Parrainage de jeunes"),
        ]);
        saved.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var (_, contactForm) = await partnerBrowser.GetPageAsync($"{clubUrl}/interlocuteurs/nouveau");
        contactForm.QuerySelector("input[name='Input.LastName']").ShouldNotBeNull();
        (await partnerBrowser.PostFormAsync($"{clubUrl}/modifier?handler=Delete", Array.Empty<KeyValuePair<string, string>>())).StatusCode.ShouldBe(HttpStatusCode.Forbidden);

        (await partnerBrowser.GetAsync($"/territoires/{territory.Id}/acteurs/{other}/modifier", Cancellation)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await partnerBrowser.GetAsync($"/territoires/{territory.Id}/acteurs/{other}/interlocuteurs/nouveau", Cancellation))
            .StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        var actor = await app.WithDbAsync(db => Task.FromResult(db.Actors.Single(a => a.Id == club)));
        actor.Modes.ShouldBe(Maillage.Actors.InterventionModes.Mecenat);
        actor.CompetenceLabels.ShouldBe("Parrainage de jeunes");
        actor.UpdatedBy.ShouldBe(partner.Email, "the history says who changed the record");
    }
}
