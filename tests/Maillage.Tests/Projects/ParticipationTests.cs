using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Maillage.Tests.Actors;
using Maillage.Tests.Infrastructure;
using Maillage.Territories;

namespace Maillage.Tests.Projects;

/// <summary>Actors taking part in a project with the roles of source 000, through the API and the pages, on both databases.</summary>
public abstract class ParticipationTests(ClockedApp app)
{
    private static readonly string[] PiloteConditions = ["identifie", "neutre"];
    private static readonly string[] UnknownCondition = ["inventee"];
    private static readonly string[] InsertionConditions = ["Accueillir les personnes orientées", "Rendre compte au copil"];

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    private static async Task<JsonNode> ReadAsync(HttpResponseMessage response) =>
        JsonNode.Parse(await response.Content.ReadAsStringAsync(Cancellation))!;

    private sealed record Setup(SeededTerritory Territory, HttpClient Api, TestUser Pilote, TestUser Lecteur, Guid ProjectId, string Projects);

    private async Task<Setup> SetUpAsync()
    {
        var pilote = await app.CreateUserAsync("pilote");
        var lecteur = await app.CreateUserAsync("lecteur");
        var territory = await app.SeedTerritoryAsync((pilote, TerritoryRole.Pilote), (lecteur, TerritoryRole.Lecteur));
        var api = app.CreateApiClient(await app.CreateTokenAsync(pilote));
        var projects = $"/api/v1/territories/{territory.Id}/projects";
        var created = await api.PostAsJsonAsync(projects, new { name = "Agir ensemble sur le territoire", targetsCompanies = true }, Cancellation);
        created.StatusCode.ShouldBe(HttpStatusCode.Created);
        return new Setup(territory, api, pilote, lecteur, (Guid)(await ReadAsync(created))["id"]!, projects);
    }

    private static async Task<Guid> ActorAsync(Setup setup, string name, string family)
    {
        var created = await setup.Api.PostAsJsonAsync($"/api/v1/territories/{setup.Territory.Id}/actors", new { name, family }, Cancellation);
        created.StatusCode.ShouldBe(HttpStatusCode.Created, await created.Content.ReadAsStringAsync(Cancellation));
        return (Guid)(await ReadAsync(created))["id"]!;
    }

    private static async Task<Guid> ContactAsync(Setup setup, Guid actorId, string lastName)
    {
        var created = await setup.Api.PostAsJsonAsync($"/api/v1/territories/{setup.Territory.Id}/actors/{actorId}/contacts",
            new { firstName = "Camille", lastName, lawfulBasis = "interet-legitime" }, Cancellation);
        created.StatusCode.ShouldBe(HttpStatusCode.Created, await created.Content.ReadAsStringAsync(Cancellation));
        return (Guid)(await ReadAsync(created))["id"]!;
    }

    [Fact]
    public async Task Api_adds_partners_with_roles_conditions_and_representative_and_keeps_the_mobilisation_history()
    {
        var setup = await SetUpAsync();
        var mde = await ActorAsync(setup, "Maison de l'emploi", "emploi-formation");
        var region = await ActorAsync(setup, "Région Île-de-France", "pouvoirs-publics");
        var director = await ContactAsync(setup, mde, "Durand");
        var elsewhere = await ContactAsync(setup, region, "Martin");
        var participations = $"{setup.Projects}/{setup.ProjectId}/participations";

        var roles = await ReadAsync(await setup.Api.GetAsync($"{setup.Projects}/roles", Cancellation));
        roles.AsArray().Select(r => (string)r!["code"]!).ShouldBe(["pilote", "operateur", "financeur", "partenaire"]);
        roles[0]!["conditions"]!.AsArray().Count.ShouldBe(5, "les cinq conditions d'exercice du pilote dans le tableau de la source");

        var created = await setup.Api.PostAsJsonAsync(participations, new
        {
            actorId = mde, role = "pilote", function = "Animation des groupes de travail", conditionsMet = PiloteConditions,
            mobilisation = "informe", wave = 1, decisionWeight = 40, representativeContactId = director,
        }, Cancellation);
        created.StatusCode.ShouldBe(HttpStatusCode.Created, await created.Content.ReadAsStringAsync(Cancellation));
        var pilote = await ReadAsync(created);
        var id = (Guid)pilote["id"]!;
        ((string)pilote["roleLabel"]!).ShouldBe("Pilote");
        ((string)pilote["representativeName"]!).ShouldBe("Camille Durand");
        pilote["conditions"]!.AsArray().Where(c => (bool)c!["met"]!).Select(c => (string)c!["code"]!).ShouldBe(PiloteConditions);

        var financeur = await setup.Api.PostAsJsonAsync(participations, new { actorId = region, role = "financeur", wave = 2 }, Cancellation);
        financeur.StatusCode.ShouldBe(HttpStatusCode.Created);
        (await setup.Api.PostAsJsonAsync(participations, new { actorId = region, role = "financeur" }, Cancellation))
            .StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity, "le même acteur ne tient pas deux fois le même rôle");
        (await setup.Api.PostAsJsonAsync(participations, new { actorId = region, role = "mecene" }, Cancellation))
            .StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await setup.Api.PostAsJsonAsync(participations, new { actorId = region, role = "partenaire", conditionsMet = UnknownCondition }, Cancellation))
            .StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        var foreignRepresentative = await setup.Api.PostAsJsonAsync(participations, new { actorId = region, role = "partenaire", representativeContactId = director }, Cancellation);
        foreignRepresentative.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await foreignRepresentative.Content.ReadAsStringAsync(Cancellation)).ShouldContain("interlocuteur de cet acteur");
        (await setup.Api.PostAsJsonAsync(participations, new { actorId = region, role = "partenaire", wave = 0 }, Cancellation))
            .StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await setup.Api.PostAsJsonAsync(participations, new { role = "partenaire" }, Cancellation)).StatusCode.ShouldBe(HttpStatusCode.BadRequest);

        var version = (long)pilote["version"]!;
        var engaged = await setup.Api.PutAsJsonAsync($"{participations}/{id}", new
        {
            actorId = mde, role = "pilote", conditionsMet = PiloteConditions, mobilisation = "engage", wave = 1, decisionWeight = 40,
            representativeContactId = director, version,
        }, Cancellation);
        engaged.StatusCode.ShouldBe(HttpStatusCode.OK, await engaged.Content.ReadAsStringAsync(Cancellation));
        var stale = await setup.Api.PutAsJsonAsync($"{participations}/{id}", new { actorId = mde, role = "pilote", mobilisation = "moteur", version }, Cancellation);
        stale.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        var current = (long)(await ReadAsync(engaged))["version"]!;
        (await setup.Api.PutAsJsonAsync($"{participations}/{id}", new { actorId = mde, role = "pilote", mobilisation = "moteur", representativeContactId = elsewhere, version = current }, Cancellation))
            .StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await setup.Api.PutAsJsonAsync($"{participations}/{id}", new { actorId = mde, role = "pilote", mobilisation = "moteur", isActive = false, lastActivityDate = "2012-06-30", version = current }, Cancellation))
            .StatusCode.ShouldBe(HttpStatusCode.OK);

        var read = await ReadAsync(await setup.Api.GetAsync($"{participations}/{id}", Cancellation));
        read["mobilisationHistory"]!.AsArray().Select(h => (string)h!["to"]!).ShouldBe(["informe", "engage", "moteur"]);
        ((bool)read["isActive"]!).ShouldBeFalse();
        ((string)read["lastActivityDate"]!).ShouldBe("2012-06-30");
        read["representativeContactId"].ShouldBeNull("le représentant non renvoyé est retiré");

        var list = await ReadAsync(await setup.Api.GetAsync(participations, Cancellation));
        list.AsArray().Select(p => (string)p!["actorName"]!).ShouldBe(["Maison de l'emploi", "Région Île-de-France"], "par vague");

        var lecteur = app.CreateApiClient(await app.CreateTokenAsync(setup.Lecteur));
        (await lecteur.GetAsync(participations, Cancellation)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await lecteur.PostAsJsonAsync(participations, new { actorId = region, role = "partenaire" }, Cancellation)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);

        var other = await app.SeedTerritoryAsync((setup.Pilote, TerritoryRole.Pilote));
        (await setup.Api.GetAsync($"/api/v1/territories/{other.Id}/projects/{setup.ProjectId}/participations/{id}", Cancellation))
            .StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await setup.Api.DeleteAsync($"{participations}/{id}", Cancellation)).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await setup.Api.GetAsync($"{participations}/{id}", Cancellation)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_territory_adds_a_role_with_its_conditions_and_cannot_remove_it_while_it_is_held()
    {
        var setup = await SetUpAsync();
        var association = await ActorAsync(setup, "Association Emmaüs", "associations");
        var roles = $"{setup.Projects}/roles";
        var added = await setup.Api.PostAsJsonAsync(roles, new { label = "Structure d'accueil", conditions = InsertionConditions }, Cancellation);
        added.StatusCode.ShouldBe(HttpStatusCode.Created, await added.Content.ReadAsStringAsync(Cancellation));
        var role = await ReadAsync(added);
        ((string)role["code"]!).ShouldBe("structure-d-accueil");
        var conditionCode = (string)role["conditions"]![0]!["code"]!;
        (await setup.Api.PostAsJsonAsync(roles, new { label = "Pilote" }, Cancellation)).StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await setup.Api.PostAsJsonAsync(roles, new { label = "Structure d’accueil" }, Cancellation)).StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);

        var held = await setup.Api.PostAsJsonAsync($"{setup.Projects}/{setup.ProjectId}/participations",
            new { actorId = association, role = "structure-d-accueil", conditionsMet = new[] { conditionCode } }, Cancellation);
        held.StatusCode.ShouldBe(HttpStatusCode.Created, await held.Content.ReadAsStringAsync(Cancellation));
        ((string)(await ReadAsync(held))["roleLabel"]!).ShouldBe("Structure d'accueil");
        var refused = await setup.Api.DeleteAsync($"{roles}/structure-d-accueil", Cancellation);
        refused.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await refused.Content.ReadAsStringAsync(Cancellation)).ShouldContain("1 participation l'utilise");

        (await setup.Api.DeleteAsync($"{setup.Projects}/{setup.ProjectId}/participations/{(Guid)(await ReadAsync(held))["id"]!}", Cancellation))
            .StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await setup.Api.DeleteAsync($"{roles}/structure-d-accueil", Cancellation)).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await setup.Api.DeleteAsync($"{roles}/pilote", Cancellation)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Pilote_adds_a_partner_in_the_pages_ticks_its_conditions_and_prints_the_role_table()
    {
        var setup = await SetUpAsync();
        var mde = await ActorAsync(setup, "Maison de l'emploi de Charenton", "emploi-formation");
        var director = await ContactAsync(setup, mde, "Durand");
        var browser = await app.LoginAsync(setup.Pilote);
        var projectUrl = $"/territoires/{setup.Territory.Id}/projets/{setup.ProjectId}";
        var participantsUrl = $"{projectUrl}/participants";

        var candidates = await browser.GetAsync($"{participantsUrl}?handler=Actors&acteur=charenton", Cancellation);
        candidates.StatusCode.ShouldBe(HttpStatusCode.OK);
        var fragment = await candidates.ReadHtmlAsync();
        fragment.QuerySelector($"input[name='Input.ActorId'][value='{mde}']").ShouldNotBeNull("l'acteur est trouvé dans l'annuaire");

        var missing = await browser.PostFormAsync(participantsUrl, [KeyValuePair.Create("Input.Role", "pilote"), KeyValuePair.Create("Input.Function", "Animation")]);
        missing.StatusCode.ShouldBe(HttpStatusCode.OK);
        var missingPage = await missing.ReadHtmlAsync();
        missingPage.QuerySelector("#erreur-ActorId").ShouldNotBeNull();
        missingPage.QuerySelector("#Input_Function")!.GetAttribute("value").ShouldBe("Animation", "rien n'est perdu");

        var added = await browser.PostFormAsync(participantsUrl,
        [
            KeyValuePair.Create("acteur", "charenton"), KeyValuePair.Create("Input.ActorId", mde.ToString()), KeyValuePair.Create("Input.Role", "pilote"),
            KeyValuePair.Create("Input.Function", "Animation"), KeyValuePair.Create("Input.Mobilisation", "interesse"),
            KeyValuePair.Create("Input.Wave", "1"), KeyValuePair.Create("Input.DecisionWeight", "30"),
        ]);
        added.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var (_, list) = await browser.GetPageAsync(participantsUrl);
        var row = list.QuerySelector(".participant-list tbody tr")!;
        row.TextContent.ShouldContain("Maison de l'emploi de Charenton");
        row.TextContent.ShouldContain("Intéressé");
        var participantUrl = row.QuerySelector("a")!.GetAttribute("href")!;

        var (_, edit) = await browser.GetPageAsync(participantUrl);
        edit.QuerySelectorAll("input[name='Input.ConditionsMet']").Length.ShouldBe(5);
        var version = edit.QuerySelector("input[name='Input.Version']")!.GetAttribute("value")!;
        var saved = await browser.PostFormAsync(participantUrl,
        [
            KeyValuePair.Create("Input.Version", version), KeyValuePair.Create("Input.Role", "pilote"), KeyValuePair.Create("Input.Function", "Animation"),
            KeyValuePair.Create("Input.ConditionsMet", "identifie"), KeyValuePair.Create("Input.ConditionsMet", "gestion-projet"),
            KeyValuePair.Create("Input.Mobilisation", "engage"), KeyValuePair.Create("Input.Wave", "1"), KeyValuePair.Create("Input.DecisionWeight", "30"),
            KeyValuePair.Create("Input.RepresentativeContactId", director.ToString()), KeyValuePair.Create("Input.IsActive", "true"),
            KeyValuePair.Create("Input.IsActive", "false"),
        ]);
        saved.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var (_, reread) = await browser.GetPageAsync(participantUrl);
        reread.QuerySelector("#condition-identifie")!.HasAttribute("checked").ShouldBeTrue();
        reread.QuerySelector("#condition-neutre")!.HasAttribute("checked").ShouldBeFalse();
        reread.QuerySelectorAll(".mobilisation-history li").Select(li => li.QuerySelector("strong")!.TextContent).ShouldBe(["Engagé", "Intéressé"]);
        var stale = await browser.PostFormAsync(participantUrl,
            [KeyValuePair.Create("Input.Version", version), KeyValuePair.Create("Input.Role", "pilote"), KeyValuePair.Create("Input.Wave", "1")]);
        stale.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await stale.ReadHtmlAsync()).QuerySelector("#conflit").ShouldNotBeNull("une modification concurrente est signalée, pas écrasée");
        var badWave = await browser.PostFormAsync(participantUrl,
        [
            KeyValuePair.Create("Input.Version", reread.QuerySelector("input[name='Input.Version']")!.GetAttribute("value")!),
            KeyValuePair.Create("Input.Role", "pilote"), KeyValuePair.Create("Input.Wave", "0"), KeyValuePair.Create("Input.Function", "Animation générale"),
        ]);
        badWave.StatusCode.ShouldBe(HttpStatusCode.OK);
        var badWavePage = await badWave.ReadHtmlAsync();
        badWavePage.QuerySelector("#erreur-Wave")!.TextContent.ShouldContain("Vague");
        badWavePage.QuerySelector("#Input_Function")!.GetAttribute("value").ShouldBe("Animation générale");

        var (_, table) = await browser.GetPageAsync($"{projectUrl}/tableau-des-roles");
        var piloteRow = table.QuerySelector(".role-table tr[data-role='pilote']")!;
        piloteRow.TextContent.ShouldContain("Maison de l'emploi de Charenton");
        piloteRow.QuerySelectorAll(".condition-met").Length.ShouldBe(2);
        piloteRow.QuerySelectorAll(".condition-unmet").Length.ShouldBe(3);
        table.QuerySelector(".role-table tr[data-role='financeur']")!.TextContent.ShouldContain("Personne pour l'instant");

        var (_, actorPage) = await browser.GetPageAsync($"/territoires/{setup.Territory.Id}/acteurs/{mde}");
        actorPage.QuerySelector(".actor-projects")!.TextContent.ShouldContain("Agir ensemble sur le territoire");
        var (_, show) = await browser.GetPageAsync(projectUrl);
        show.QuerySelector(".project-participants")!.TextContent.ShouldContain("Pilote : 1");

        var reader = await app.LoginAsync(setup.Lecteur);
        var (_, readOnly) = await reader.GetPageAsync(participantsUrl);
        readOnly.QuerySelector("#acteur").ShouldBeNull("le lecteur lit sans formulaire d'ajout");
        readOnly.QuerySelector(".participant-list")!.TextContent.ShouldContain("Maison de l'emploi de Charenton");
        (await reader.PostFormAsync($"{participantUrl}?handler=Delete", [], participantUrl)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);

        var removed = await browser.PostFormAsync($"{participantUrl}?handler=Delete", [], participantUrl);
        removed.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var (_, emptied) = await browser.GetPageAsync(participantsUrl);
        emptied.QuerySelector(".participant-list").ShouldBeNull();
    }

    [Fact]
    public async Task Pilote_adds_and_removes_a_territory_role_in_the_pages()
    {
        var setup = await SetUpAsync();
        var browser = await app.LoginAsync(setup.Pilote);
        var rolesUrl = $"/territoires/{setup.Territory.Id}/projets/roles";
        var (_, page) = await browser.GetPageAsync(rolesUrl);
        page.QuerySelectorAll(".project-role").Length.ShouldBe(4);
        page.QuerySelector("#role-pilote")!.ParentElement!.TextContent.ShouldContain("gestion de projet");

        var refused = await browser.PostFormAsync(rolesUrl, [KeyValuePair.Create("Input.Label", "Pilote"), KeyValuePair.Create("Input.Conditions", "Être là")]);
        refused.StatusCode.ShouldBe(HttpStatusCode.OK);
        var refusedPage = await refused.ReadHtmlAsync();
        refusedPage.QuerySelector("#erreur-Label")!.TextContent.ShouldContain("tableau de référence");
        refusedPage.QuerySelector("#Input_Conditions")!.TextContent.ShouldBe("Être là", "rien n'est perdu");

        var added = await browser.PostFormAsync(rolesUrl,
            [KeyValuePair.Create("Input.Label", "Structure d'accueil"), KeyValuePair.Create("Input.Conditions", "Accueillir les personnes orientées\nRendre compte au copil")]);
        added.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var (_, withRole) = await browser.GetPageAsync(rolesUrl);
        withRole.QuerySelectorAll("#role-structure-d-accueil ~ ul li").Length.ShouldBe(2);

        var removed = await browser.PostFormAsync($"{rolesUrl}?handler=Delete", [KeyValuePair.Create("role", "structure-d-accueil")], rolesUrl);
        removed.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var (_, after) = await browser.GetPageAsync(rolesUrl);
        after.QuerySelector("#role-structure-d-accueil").ShouldBeNull();
        var again = await browser.PostFormAsync($"{rolesUrl}?handler=Delete", [KeyValuePair.Create("role", "structure-d-accueil")], rolesUrl);
        again.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await again.ReadHtmlAsync()).QuerySelector(".alert-danger")!.TextContent.ShouldContain("déjà été retiré");
    }

    [Fact]
    public async Task Merging_two_actors_moves_their_participations_and_drops_a_repeated_role()
    {
        var setup = await SetUpAsync();
        var kept = await ActorAsync(setup, "CCI Paris Val-de-Marne", "developpement-economique");
        var duplicate = await ActorAsync(setup, "CCI du Val-de-Marne", "developpement-economique");
        var participations = $"{setup.Projects}/{setup.ProjectId}/participations";
        (await setup.Api.PostAsJsonAsync(participations, new { actorId = kept, role = "operateur" }, Cancellation)).StatusCode.ShouldBe(HttpStatusCode.Created);
        var repeated = await ReadAsync(await setup.Api.PostAsJsonAsync(participations, new { actorId = duplicate, role = "operateur" }, Cancellation));
        var moved = await ReadAsync(await setup.Api.PostAsJsonAsync(participations, new { actorId = duplicate, role = "partenaire", mobilisation = "engage" }, Cancellation));

        var merged = await setup.Api.PostAsJsonAsync($"/api/v1/territories/{setup.Territory.Id}/actors/{kept}/merge", new { otherActorId = duplicate }, Cancellation);
        merged.StatusCode.ShouldBe(HttpStatusCode.OK, await merged.Content.ReadAsStringAsync(Cancellation));
        var result = await ReadAsync(merged);
        ((int)result["participationsMoved"]!).ShouldBe(1);
        ((int)result["participationsDropped"]!).ShouldBe(1);

        var list = await ReadAsync(await setup.Api.GetAsync(participations, Cancellation));
        list.AsArray().Select(p => ((Guid)p!["actorId"]!, (string)p["role"]!)).ShouldBe([(kept, "operateur"), (kept, "partenaire")], ignoreOrder: true);
        (await setup.Api.GetAsync($"{participations}/{(Guid)repeated["id"]!}", Cancellation)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var partner = await ReadAsync(await setup.Api.GetAsync($"{participations}/{(Guid)moved["id"]!}", Cancellation));
        ((string)partner["mobilisation"]!).ShouldBe("engage", "la participation reprise garde son engagement");
        ((long)partner["version"]!).ShouldBe((long)moved["version"]! + 1);
        var history = await ReadAsync(await setup.Api.GetAsync($"{setup.Projects}/{setup.ProjectId}/history", Cancellation));
        history.AsArray().Count(h => (string)h!["entityType"]! == "ProjectParticipation" && (string)h["action"]! == "Updated").ShouldBe(1);
    }
}

public sealed class ParticipationTests_Sqlite(ActorsSqliteApp app) : ParticipationTests(app), IClassFixture<ActorsSqliteApp>;

public sealed class ParticipationTests_PostgreSql(ActorsPostgresApp app) : ParticipationTests(app), IClassFixture<ActorsPostgresApp>;
