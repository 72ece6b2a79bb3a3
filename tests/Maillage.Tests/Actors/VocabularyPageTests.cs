using System.Net;
using System.Net.Http.Json;
using Maillage.Actors;
using Maillage.Data;
using Maillage.Tests.Infrastructure;
using Maillage.Territories;

namespace Maillage.Tests.Actors;

/// <summary>The vocabulary page in the browser: what a pilote adds there is offered by the forms and accepted by the API.</summary>
public sealed class VocabularyPageTests(ActorsSqliteApp app) : IClassFixture<ActorsSqliteApp>
{
    private static readonly string[] TwoCompetences = ["Mobilité", "Insertion"];

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Pilote_adds_a_subtype_that_the_page_the_actor_form_and_the_api_then_know()
    {
        var pilote = await app.CreateUserAsync("pilote");
        var territory = await app.SeedTerritoryAsync((pilote, TerritoryRole.Pilote));
        var browser = await app.LoginAsync(pilote);
        var page = $"/territoires/{territory.Id}/acteurs/vocabulaire";

        var (_, directory) = await browser.GetPageAsync($"/territoires/{territory.Id}/acteurs");
        directory.QuerySelector($"a[href='{page}']").ShouldNotBeNull("l'annuaire mène au vocabulaire pour un pilote");

        var added = await browser.PostFormAsync($"{page}?handler=AddSubtype", ("family", "associations"), ("label", "Tiers-lieu <b>solidaire</b>"));
        added.StatusCode.ShouldBe(HttpStatusCode.Redirect);

        var (response, document) = await browser.GetPageAsync(page);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        document.Body!.TextContent.ShouldContain("Tiers-lieu <b>solidaire</b>");
        document.QuerySelector("b").ShouldBeNull("le libellé est échappé");
        document.Body.TextContent.ShouldContain("tiers-lieu-b-solidaire-b");
        document.QuerySelectorAll("form[action*='handler=RemoveSubtype']").Length.ShouldBe(1);

        var (_, form) = await browser.GetPageAsync($"/territoires/{territory.Id}/acteurs/nouveau");
        form.QuerySelectorAll("option").Select(o => o.GetAttribute("value")).ShouldContain("tiers-lieu-b-solidaire-b");

        var api = app.CreateApiClient(await app.CreateTokenAsync(pilote));
        var created = await api.PostAsJsonAsync($"/api/v1/territories/{territory.Id}/actors?force=true",
            new { name = "La Fabrique", family = "associations", subtype = "tiers-lieu-b-solidaire-b" }, Cancellation);
        created.StatusCode.ShouldBe(HttpStatusCode.Created, await created.Content.ReadAsStringAsync(Cancellation));
        var wrongFamily = await api.PostAsJsonAsync($"/api/v1/territories/{territory.Id}/actors?force=true",
            new { name = "Autre", family = "entreprises", subtype = "tiers-lieu-b-solidaire-b" }, Cancellation);
        wrongFamily.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);

        // Now used: its removal is refused in French, and the subtype stays.
        var removed = await browser.PostFormAsync($"{page}?handler=RemoveSubtype",
            ("id", (await app.WithDbAsync(db => Task.FromResult(db.ActorSubtypes.Single(s => s.TerritoryId == territory.Id).Id))).ToString()));
        removed.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await removed.ReadHtmlAsync()).QuerySelector(".alert-danger")!.TextContent.ShouldContain("ne peut pas être supprimé : 1 acteur l'utilise");
        (await app.WithDbAsync(db => Task.FromResult(db.ActorSubtypes.Count(s => s.TerritoryId == territory.Id)))).ShouldBe(1);
    }

    [Fact]
    public async Task Pilote_adds_and_removes_a_relation_type_and_renames_a_competence_everywhere()
    {
        var pilote = await app.CreateUserAsync("pilote");
        var territory = await app.SeedTerritoryAsync((pilote, TerritoryRole.Pilote));
        var browser = await app.LoginAsync(pilote);
        var page = $"/territoires/{territory.Id}/acteurs/vocabulaire";

        (await browser.PostFormAsync($"{page}?handler=AddRelationType", ("label", "cofinance"), ("reverseLabel", "est cofinancé par")))
            .StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var type = await app.WithDbAsync(db => Task.FromResult(db.RelationTypes.Single(t => t.TerritoryId == territory.Id)));
        type.Code.ShouldBe("cofinance");
        var (_, document) = await browser.GetPageAsync(page);
        document.Body!.TextContent.ShouldContain("est cofinancé par");
        (await browser.PostFormAsync($"{page}?handler=RemoveRelationType", ("id", type.Id.ToString()), ("version", type.Version.ToString())))
            .StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await app.WithDbAsync(db => Task.FromResult(db.RelationTypes.Any(t => t.TerritoryId == territory.Id)))).ShouldBeFalse();

        var api = app.CreateApiClient(await app.CreateTokenAsync(pilote));
        var created = await api.PostAsJsonAsync($"/api/v1/territories/{territory.Id}/actors?force=true",
            new { name = "Atelier", family = "associations", competences = TwoCompetences }, Cancellation);
        created.StatusCode.ShouldBe(HttpStatusCode.Created);
        var competence = await app.WithDbAsync(db => Task.FromResult(db.Competences.Single(c => c.TerritoryId == territory.Id && c.Label == "Mobilité")));
        (await browser.PostFormAsync($"{page}?handler=RenameCompetence", ("id", competence.Id.ToString()), ("label", "Mobilité durable"),
            ("version", competence.Version.ToString()))).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var actor = await app.WithDbAsync(db => Task.FromResult(db.Actors.Single(a => a.TerritoryId == territory.Id)));
        actor.Competences.ShouldBe(["Insertion", "Mobilité durable"]);

        var refused = await browser.PostFormAsync($"{page}?handler=RemoveCompetence", ("id", competence.Id.ToString()));
        (await refused.ReadHtmlAsync()).QuerySelector(".alert-danger")!.TextContent.ShouldContain("ne peut pas être supprimée");
    }

    [Fact]
    public async Task Lecteur_reads_the_vocabulary_but_cannot_change_it()
    {
        var reader = await app.CreateUserAsync("lecteur");
        var territory = await app.SeedTerritoryAsync((reader, TerritoryRole.Lecteur));
        var browser = await app.LoginAsync(reader);
        var page = $"/territoires/{territory.Id}/acteurs/vocabulaire";

        var (response, document) = await browser.GetPageAsync(page);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        document.Body!.TextContent.ShouldContain("Mission locale");
        document.QuerySelectorAll("form[action*='handler=']").Length.ShouldBe(0);
        (await browser.PostFormWithTokenAsync($"{page}?handler=AddSubtype",
                [KeyValuePair.Create("family", "associations"), KeyValuePair.Create("label", "Refusé")], document.AntiforgeryToken()))
            .StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Theory]
    [InlineData("Family", "EmploiFormation", "Opérateurs de l'emploi et de la formation")]
    [InlineData("Subtype", "mission-locale", "Mission locale")]
    [InlineData("Modes", "Financement, Formation", "Financement, Formation")]
    [InlineData("Modes", "264", "Mise à disposition de compétences, Expertise")]
    [InlineData("HierarchyLevel", "Elu", "Élu")]
    [InlineData("LawfulBasis", "InteretLegitime", "Intérêt légitime")]
    [InlineData("Type", "finance", "finance")]
    [InlineData("Type", "prescrit", "prescrit vers")]
    [InlineData("TargetActorId", "0190b8f2-7a3c-7def-8123-456789abcdef", "Acteur lié")]
    [InlineData("TerritoryId", "0190b8f2-7a3c-7def-8123-456789abcdef", "Ce territoire")]
    [InlineData("IsSymmetric", "True", "Oui")]
    [InlineData("Name", "Mission locale de l'Est", "Mission locale de l'Est")]
    public void History_shows_coded_values_by_their_french_labels(string property, string stored, string shown) =>
        HistoryText.Value(property, stored).ShouldBe(shown);
}
