using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Maillage.Projects;
using Maillage.Tests.Actors;
using Maillage.Tests.Infrastructure;
using Maillage.Territories;
using Microsoft.EntityFrameworkCore;

namespace Maillage.Tests.Projects;

/// <summary>The rules of a territory's wording of the four roles' conditions of exercise, without I/O.</summary>
public sealed class RoleConditionLinesTests
{
    private const string Identifie = "Être clairement identifié et identifiable en tant que point de contact et pour répondre aux questions des acteurs.";
    private const string Lien = "Assurer le lien et la bonne compréhension entre les acteurs qui n'ont pas toujours l'habitude de travailler ensemble.";

    [Fact]
    public void A_line_quoting_the_source_keeps_its_code_and_a_new_line_is_coded_by_its_words()
    {
        var conditions = RoleConditionLines.Parse(
        [
            "  Être clairement identifié   et identifiable en tant que point de contact et pour répondre aux questions des acteurs.  ",
            "",
            "Assurer le lien et la bonne compréhension entre les acteurs qui n’ont pas toujours l’habitude de travailler ensemble.\nRendre compte au comité de pilotage",
        ]);

        conditions.Select(c => c.Code).ShouldBe(["identifie", "lien", "rendre-compte-au-comite-de-pilotage"]);
        conditions[0].Text.ShouldBe(Identifie, "les espaces en trop ne changent pas la condition de la source");
        conditions[1].Text.ShouldBe(Lien, "l'apostrophe typographique lit la même condition, écrite comme la source");
        conditions[2].Text.ShouldBe("Rendre compte au comité de pilotage");
    }

    [Fact]
    public void A_source_condition_keeps_its_code_in_another_role_too()
    {
        var operateur = ParticipationRoleCatalog.SourceRole(ParticipationRoleCatalog.Operateur)!;
        var disponible = operateur.Conditions.Single(c => c.Code == "disponible");

        RoleConditionLines.Parse([Identifie, disponible.Text]).Select(c => c.Code).ShouldBe(["identifie", "disponible"]);
    }

    [Fact]
    public void Repeated_empty_too_many_or_too_long_conditions_are_refused_in_French()
    {
        Should.Throw<DomainException>(() => RoleConditionLines.Parse([Identifie, "Rendre compte", " rendre   COMPTE "]))
            .Message.ShouldBe("Conditions d'exercice : la ligne « rendre COMPTE » répète la condition « Rendre compte ».");
        Should.Throw<DomainException>(() => RoleConditionLines.Parse(["« … »"]))
            .Message.ShouldBe("Conditions d'exercice : la ligne « « … » » doit contenir des lettres ou des chiffres.");
        Should.Throw<DomainException>(() => RoleConditionLines.Parse(Enumerable.Range(1, RoleConditionLines.MaxCount + 1).Select(i => $"Condition {i}")))
            .Message.ShouldBe($"Conditions d'exercice : {RoleConditionLines.MaxCount} conditions au plus.");
        Should.Throw<DomainException>(() => RoleConditionLines.Parse([new string('a', 2000), new string('b', 2000)]))
            .Message.ShouldBe($"Conditions d'exercice : {RoleConditionLines.MaxLength} caractères au plus en tout.");
        RoleConditionLines.Parse([new string('a', 2000), new string('b', 1999)]).Count.ShouldBe(2, "4 000 caractères, saut de ligne compris, passent");
        RoleConditionLines.Parse(["", "  \n "]).ShouldBeEmpty("une liste vide est permise : le territoire ne retient aucune condition");
    }

    [Fact]
    public void The_catalog_replaces_the_conditions_of_the_edited_role_only()
    {
        var territory = Guid.NewGuid();
        var pilote = new BuiltInRoleConditions(territory, ParticipationRoleCatalog.Pilote);
        pilote.Edit([Identifie, "Rendre compte au comité de pilotage"]);
        var financeur = new BuiltInRoleConditions(territory, ParticipationRoleCatalog.Financeur);
        financeur.Edit(["Signer la convention financière"]);
        var partenaire = new BuiltInRoleConditions(territory, ParticipationRoleCatalog.Partenaire);
        partenaire.Edit([]);

        var catalog = ParticipationRoleCatalog.With([], [pilote, financeur, partenaire]);

        catalog.Get("pilote").Conditions.Select(c => c.Code).ShouldBe(["identifie", "rendre-compte-au-comite-de-pilotage"]);
        catalog.Get("pilote").ConditionsEdited.ShouldBeTrue();
        catalog.Get("pilote").Description.ShouldBe(ParticipationRoleCatalog.SourceRole("pilote")!.Description, "la description reste celle de la source");
        catalog.Get("financeur").Conditions.ShouldHaveSingleItem().Code.ShouldBe("signer-la-convention-financiere");
        catalog.Get("partenaire").Conditions.ShouldBeEmpty();
        catalog.Get("partenaire").ConditionsEdited.ShouldBeTrue();
        catalog.Get("operateur").ShouldBe(ParticipationRoleCatalog.SourceRole("operateur"));
        ParticipationRoleCatalog.DefaultsOnly.Get("pilote").Conditions.Count.ShouldBe(5, "le tableau de la source ne change pas");

        pilote.RevertToSource();
        var reverted = ParticipationRoleCatalog.With([], [pilote]).Get("pilote");
        reverted.ConditionsEdited.ShouldBeFalse();
        reverted.Conditions.ShouldBe(ParticipationRoleCatalog.SourceRole("pilote")!.Conditions);
    }

    [Fact]
    public void Only_the_four_roles_of_the_source_have_conditions_to_reword()
    {
        Should.Throw<NotFoundException>(() => new BuiltInRoleConditions(Guid.NewGuid(), "structure-d-accueil"));
    }
}

/// <summary>A territory rewords the conditions of the four roles, through the API and the pages, on both databases.</summary>
public abstract class RoleConditionsTests(ClockedApp app)
{
    private const string NewCondition = "Rendre compte au comité de pilotage";
    private const string NewCode = "rendre-compte-au-comite-de-pilotage";
    private static readonly string[] MetBefore = ["identifie", "neutre"];
    private static readonly string[] OtherThing = ["Autre chose"];
    private static readonly string[] JustX = ["Être là"];

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    private static async Task<JsonNode> ReadAsync(HttpResponseMessage response) =>
        JsonNode.Parse(await response.Content.ReadAsStringAsync(Cancellation))!;

    private sealed record Setup(SeededTerritory Territory, HttpClient Api, TestUser Pilote, TestUser Lecteur, Guid ProjectId, Guid ParticipationId,
        string Projects)
    {
        public string Roles => $"{Projects}/roles";
        public string Participation => $"{Projects}/{ProjectId}/participations/{ParticipationId}";
    }

    /// <summary>A territory with a project whose pilote meets two of the source's conditions.</summary>
    private async Task<Setup> SetUpAsync()
    {
        var pilote = await app.CreateUserAsync("pilote");
        var lecteur = await app.CreateUserAsync("lecteur");
        var territory = await app.SeedTerritoryAsync((pilote, TerritoryRole.Pilote), (lecteur, TerritoryRole.Lecteur));
        var api = app.CreateApiClient(await app.CreateTokenAsync(pilote));
        var projects = $"/api/v1/territories/{territory.Id}/projects";
        var project = await api.PostAsJsonAsync(projects, new { name = "Agir ensemble sur le territoire" }, Cancellation);
        project.StatusCode.ShouldBe(HttpStatusCode.Created);
        var projectId = (Guid)(await ReadAsync(project))["id"]!;
        var actor = await api.PostAsJsonAsync($"/api/v1/territories/{territory.Id}/actors", new { name = "Maison de l'emploi", family = "emploi-formation" }, Cancellation);
        actor.StatusCode.ShouldBe(HttpStatusCode.Created);
        var participation = await api.PostAsJsonAsync($"{projects}/{projectId}/participations",
            new { actorId = (Guid)(await ReadAsync(actor))["id"]!, role = "pilote", conditionsMet = MetBefore }, Cancellation);
        participation.StatusCode.ShouldBe(HttpStatusCode.Created, await participation.Content.ReadAsStringAsync(Cancellation));
        return new Setup(territory, api, pilote, lecteur, projectId, (Guid)(await ReadAsync(participation))["id"]!, projects);
    }

    private static string SourceText(string code) =>
        ParticipationRoleCatalog.SourceRole("pilote")!.Conditions.Single(c => c.Code == code).Text;

    private static async Task<JsonNode> RoleAsync(HttpClient api, string roles, string code) =>
        (await ReadAsync(await api.GetAsync(roles, Cancellation))).AsArray().Single(r => (string)r!["code"]! == code)!;

    private static IEnumerable<(string Code, bool Met)> Ticks(JsonNode participation) =>
        participation["conditions"]!.AsArray().Select(c => ((string)c!["code"]!, (bool)c["met"]!));

    [Fact]
    public async Task Api_rewords_the_pilote_conditions_for_one_territory_keeps_the_codes_and_reverts()
    {
        var setup = await SetUpAsync();
        var before = await RoleAsync(setup.Api, setup.Roles, "pilote");
        ((bool)before["conditionsEdited"]!).ShouldBeFalse();
        ((long)before["conditionsVersion"]!).ShouldBe(0);

        var edited = await setup.Api.PutAsJsonAsync($"{setup.Roles}/pilote/conditions",
            new { conditions = new[] { SourceText("identifie"), SourceText("gestion-projet"), NewCondition }, version = 0 }, Cancellation);
        edited.StatusCode.ShouldBe(HttpStatusCode.OK, await edited.Content.ReadAsStringAsync(Cancellation));
        var role = await ReadAsync(edited);
        role["conditions"]!.AsArray().Select(c => (string)c!["code"]!).ShouldBe(["identifie", "gestion-projet", NewCode]);
        ((bool)role["conditionsEdited"]!).ShouldBeTrue();
        ((string)role["label"]!).ShouldBe("Pilote");
        var version = (long)role["conditionsVersion"]!;
        version.ShouldBe(1);

        var listed = await RoleAsync(setup.Api, setup.Roles, "pilote");
        listed["conditions"]!.AsArray().Count.ShouldBe(3);
        ((bool)(await RoleAsync(setup.Api, setup.Roles, "operateur"))["conditionsEdited"]!).ShouldBeFalse();
        var participation = await ReadAsync(await setup.Api.GetAsync(setup.Participation, Cancellation));
        Ticks(participation).ShouldBe([("identifie", true), ("gestion-projet", false), (NewCode, false)],
            "la condition retirée (neutre) ne compte plus ; identifie garde son code et reste cochée");

        var vigilance = await ReadAsync(await setup.Api.GetAsync($"{setup.Projects}/{setup.ProjectId}/vigilance", Cancellation));
        var unmet = (string)vigilance.AsArray().Single(p => (string)p!["code"]! == "conditions-pilote")!["message"]!;
        unmet.ShouldContain(NewCondition, Case.Sensitive, "le point de vigilance lit les conditions du territoire");
        unmet.ShouldNotContain("suffisamment disponible", Case.Sensitive, "une condition retirée ne manque plus au pilote");

        var other = await app.SeedTerritoryAsync((setup.Pilote, TerritoryRole.Pilote));
        var otherPilote = await RoleAsync(setup.Api, $"/api/v1/territories/{other.Id}/projects/roles", "pilote");
        otherPilote["conditions"]!.AsArray().Count.ShouldBe(5, "un autre territoire garde les conditions de la source");
        ((bool)otherPilote["conditionsEdited"]!).ShouldBeFalse();

        var stale = await setup.Api.PutAsJsonAsync($"{setup.Roles}/pilote/conditions", new { conditions = OtherThing, version = 0 }, Cancellation);
        stale.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await stale.Content.ReadAsStringAsync(Cancellation)).ShouldContain("Quelqu'un a modifié cet élément");
        (await RoleAsync(setup.Api, setup.Roles, "pilote"))["conditions"]!.AsArray().Count.ShouldBe(3, "rien n'est écrasé");

        var tooLong = await setup.Api.PutAsJsonAsync($"{setup.Roles}/pilote/conditions", new { conditions = new[] { new string('x', 4001) }, version }, Cancellation);
        tooLong.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await tooLong.Content.ReadAsStringAsync(Cancellation)).ShouldContain("4000 caractères au plus");
        (await setup.Api.PutAsJsonAsync($"{setup.Roles}/pilote/conditions", new { version }, Cancellation)).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await setup.Api.PutAsJsonAsync($"{setup.Roles}/mecene/conditions", new { conditions = JustX }, Cancellation))
            .StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await setup.Api.PostAsJsonAsync(setup.Roles, new { label = "Structure d'accueil", conditions = JustX }, Cancellation))
            .StatusCode.ShouldBe(HttpStatusCode.Created);
        (await setup.Api.PutAsJsonAsync($"{setup.Roles}/structure-d-accueil/conditions", new { conditions = JustX }, Cancellation))
            .StatusCode.ShouldBe(HttpStatusCode.NotFound, "seuls les quatre rôles de la source se réécrivent ici");
        var lecteur = app.CreateApiClient(await app.CreateTokenAsync(setup.Lecteur));
        (await lecteur.PutAsJsonAsync($"{setup.Roles}/pilote/conditions", new { conditions = JustX, version }, Cancellation))
            .StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await lecteur.GetAsync(setup.Roles, Cancellation)).StatusCode.ShouldBe(HttpStatusCode.OK);

        var emptied = await setup.Api.PutAsJsonAsync($"{setup.Roles}/partenaire/conditions", new { conditions = Array.Empty<string>() }, Cancellation);
        emptied.StatusCode.ShouldBe(HttpStatusCode.OK);
        var partenaire = await ReadAsync(emptied);
        partenaire["conditions"]!.AsArray().ShouldBeEmpty();
        ((bool)partenaire["conditionsEdited"]!).ShouldBeTrue();

        (await setup.Api.DeleteAsync($"{setup.Roles}/pilote/conditions?version=0", Cancellation)).StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await setup.Api.DeleteAsync($"{setup.Roles}/pilote/conditions?version={version}", Cancellation)).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        var reverted = await RoleAsync(setup.Api, setup.Roles, "pilote");
        ((bool)reverted["conditionsEdited"]!).ShouldBeFalse();
        ((long)reverted["conditionsVersion"]!).ShouldBe(version + 1);
        reverted["conditions"]!.AsArray().Count.ShouldBe(5);
        var back = await ReadAsync(await setup.Api.GetAsync(setup.Participation, Cancellation));
        Ticks(back).Where(t => t.Met).Select(t => t.Code).ShouldBe(MetBefore, "revenue, la condition neutre retrouve sa coche : son code n'a pas changé");
        (await setup.Api.DeleteAsync($"{setup.Roles}/financeur/conditions", Cancellation)).StatusCode.ShouldBe(HttpStatusCode.NoContent,
            "revenir au texte de la source quand il n'a jamais changé ne fait rien");

        var history = await app.WithDbAsync(db => db.AuditEntries
            .CountAsync(a => a.EntityType == nameof(BuiltInRoleConditions) && a.TerritoryId == setup.Territory.Id, Cancellation));
        history.ShouldBe(3, "deux modifications et un retour à la source, dans l'historique");
    }

    [Fact]
    public async Task Pilote_rewords_the_conditions_in_the_roles_page_and_sees_them_in_the_role_table_and_the_checklist()
    {
        var setup = await SetUpAsync();
        var browser = await app.LoginAsync(setup.Pilote);
        var rolesUrl = $"/territoires/{setup.Territory.Id}/projets/roles";
        var (_, page) = await browser.GetPageAsync(rolesUrl);
        var textarea = page.QuerySelector("#conditions-pilote")!;
        textarea.TextContent.Split('\n').Length.ShouldBe(5, "le formulaire part des conditions de la source, une par ligne");
        page.QuerySelector("#role-operateur")!.ParentElement!.QuerySelector("details.role-conditions-editor").ShouldNotBeNull();
        page.QuerySelectorAll("form[action*='handler=Revert']").ShouldBeEmpty("rien à rétablir tant que le territoire n'a rien changé");
        var version = textarea.ParentElement!.QuerySelector("input[name='version']")!.GetAttribute("value")!;
        version.ShouldBe("0");

        var text = $"{SourceText("identifie")}\n{SourceText("gestion-projet")}\n{NewCondition}";
        var refused = await browser.PostFormAsync($"{rolesUrl}?handler=Conditions",
            [KeyValuePair.Create("role", "pilote"), KeyValuePair.Create("version", version), KeyValuePair.Create("conditions", $"{text}\n{NewCondition.ToUpperInvariant()}")],
            rolesUrl);
        refused.StatusCode.ShouldBe(HttpStatusCode.OK);
        var refusedPage = await refused.ReadHtmlAsync();
        refusedPage.QuerySelector("#erreur-RoleConditions")!.TextContent.ShouldContain("répète la condition");
        refusedPage.QuerySelector("#conditions-pilote")!.TextContent.ShouldEndWith(NewCondition.ToUpperInvariant(), Case.Sensitive, "rien n'est perdu");
        refusedPage.QuerySelector("#conditions-pilote")!.ParentElement!.ParentElement!.HasAttribute("open").ShouldBeTrue("le formulaire refusé reste ouvert");

        var saved = await browser.PostFormAsync($"{rolesUrl}?handler=Conditions",
            [KeyValuePair.Create("role", "pilote"), KeyValuePair.Create("version", version), KeyValuePair.Create("conditions", text)], rolesUrl);
        saved.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var (_, after) = await browser.GetPageAsync(rolesUrl);
        after.QuerySelector("[role=status]")!.TextContent.ShouldContain("Conditions d'exercice du rôle « Pilote » enregistrées");
        after.QuerySelectorAll("#role-pilote ~ ul.role-conditions li").Select(li => li.GetAttribute("data-code")).ShouldBe(["identifie", "gestion-projet", NewCode]);
        after.QuerySelector("#role-pilote ~ h3 .role-conditions-edited").ShouldNotBeNull();
        after.QuerySelectorAll("#role-operateur ~ ul.role-conditions li").Length.ShouldBe(3, "les autres rôles gardent la source");

        var (_, table) = await browser.GetPageAsync($"/territoires/{setup.Territory.Id}/projets/{setup.ProjectId}/tableau-des-roles");
        var piloteRow = table.QuerySelector(".role-table tr[data-role='pilote']")!;
        piloteRow.TextContent.ShouldContain(NewCondition);
        piloteRow.TextContent.ShouldNotContain(SourceText("neutre"));
        piloteRow.QuerySelectorAll(".condition-met").Length.ShouldBe(1, "identifie reste remplie, neutre ne compte plus");
        piloteRow.QuerySelectorAll(".condition-unmet").Length.ShouldBe(2);

        var participantUrl = $"/territoires/{setup.Territory.Id}/projets/{setup.ProjectId}/participants/{setup.ParticipationId}";
        var (_, participant) = await browser.GetPageAsync(participantUrl);
        participant.QuerySelectorAll("input[name='Input.ConditionsMet']").Select(i => i.GetAttribute("value")).ShouldBe(["identifie", "gestion-projet", NewCode]);
        participant.QuerySelector("#condition-identifie")!.HasAttribute("checked").ShouldBeTrue();
        participant.QuerySelector($"label[for='condition-{NewCode}']")!.TextContent.ShouldBe(NewCondition);

        var other = await app.SeedTerritoryAsync((setup.Pilote, TerritoryRole.Pilote));
        var (_, otherPage) = await browser.GetPageAsync($"/territoires/{other.Id}/projets/roles");
        otherPage.QuerySelectorAll("#role-pilote ~ ul.role-conditions li").Length.ShouldBe(5, "un autre territoire garde la source");
        otherPage.QuerySelector("#role-pilote ~ h3 .role-conditions-edited").ShouldBeNull();

        var stale = await browser.PostFormAsync($"{rolesUrl}?handler=Conditions",
            [KeyValuePair.Create("role", "pilote"), KeyValuePair.Create("version", version), KeyValuePair.Create("conditions", "Être joignable")], rolesUrl);
        stale.StatusCode.ShouldBe(HttpStatusCode.OK);
        var stalePage = await stale.ReadHtmlAsync();
        stalePage.QuerySelector(".alert-danger")!.TextContent.ShouldContain("Quelqu'un a modifié cet élément");
        stalePage.QuerySelector("#conflit")!.TextContent.ShouldContain(NewCondition, Case.Sensitive, "ce qui a changé entre-temps est montré");
        stalePage.QuerySelector(".role-conditions-rejected")!.TextContent.ShouldContain("Être joignable", Case.Sensitive, "le texte refusé n'est pas perdu");
        stalePage.QuerySelector("#conditions-pilote")!.TextContent.ShouldBe(text, "le formulaire repart de la version actuelle");
        stalePage.QuerySelectorAll("#role-pilote ~ ul.role-conditions li").Length.ShouldBe(3, "rien n'est écrasé");

        var reader = await app.LoginAsync(setup.Lecteur);
        var (_, readOnly) = await reader.GetPageAsync(rolesUrl);
        readOnly.QuerySelector("#conditions-pilote").ShouldBeNull("le lecteur lit sans formulaire");
        readOnly.QuerySelectorAll("#role-pilote ~ ul.role-conditions li").Length.ShouldBe(3);
        var forbidden = await reader.PostFormAsync($"{rolesUrl}?handler=Revert", [KeyValuePair.Create("role", "pilote"), KeyValuePair.Create("version", "1")], rolesUrl);
        forbidden.StatusCode.ShouldBe(HttpStatusCode.Forbidden, await forbidden.Content.ReadAsStringAsync(Cancellation));

        var notBuiltIn = await browser.PostFormAsync($"{rolesUrl}?handler=Conditions",
            [KeyValuePair.Create("role", "mecene"), KeyValuePair.Create("version", "0"), KeyValuePair.Create("conditions", "Être là")], rolesUrl);
        notBuiltIn.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await notBuiltIn.ReadHtmlAsync()).QuerySelector(".alert-danger")!.TextContent.ShouldContain("quatre rôles du tableau de référence");

        var revertForm = after.QuerySelector("form[action*='handler=Revert']")!;
        var revertVersion = revertForm.QuerySelector("input[name='version']")!.GetAttribute("value")!;
        var reverted = await browser.PostFormAsync($"{rolesUrl}?handler=Revert", [KeyValuePair.Create("role", "pilote"), KeyValuePair.Create("version", revertVersion)], rolesUrl);
        reverted.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var (_, back) = await browser.GetPageAsync(rolesUrl);
        back.QuerySelector("[role=status]")!.TextContent.ShouldContain("reprend les conditions d'exercice de la source");
        back.QuerySelectorAll("#role-pilote ~ ul.role-conditions li").Length.ShouldBe(5);
        back.QuerySelector("#role-pilote ~ h3 .role-conditions-edited").ShouldBeNull();
        var (_, tableBack) = await browser.GetPageAsync($"/territoires/{setup.Territory.Id}/projets/{setup.ProjectId}/tableau-des-roles");
        tableBack.QuerySelector(".role-table tr[data-role='pilote']")!.QuerySelectorAll(".condition-met").Length.ShouldBe(2, "neutre retrouve sa coche");
        var again = await browser.PostFormAsync($"{rolesUrl}?handler=Revert", [KeyValuePair.Create("role", "pilote"), KeyValuePair.Create("version", revertVersion)], rolesUrl);
        again.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await again.ReadHtmlAsync()).QuerySelector("#conflit").ShouldNotBeNull("un second retour sur une page périmée est signalé");
    }
}

public sealed class RoleConditionsTests_Sqlite(ActorsSqliteApp app) : RoleConditionsTests(app), IClassFixture<ActorsSqliteApp>;

public sealed class RoleConditionsTests_PostgreSql(ActorsPostgresApp app) : RoleConditionsTests(app), IClassFixture<ActorsPostgresApp>;
