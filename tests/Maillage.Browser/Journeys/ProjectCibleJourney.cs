using Maillage.Actors;
using Maillage.Browser.Infrastructure;
using Maillage.Data;
using Maillage.Projects;
using Maillage.Territories;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Maillage.Browser.Journeys;

/// <summary>From a project to its cible: « Créer la cible du projet », the participants proposed for step 1, and back.</summary>
[Collection(ReadyInstallation.Name)]
public sealed class ProjectCibleJourney(InstalledBrowserApp app, Chromium chromium)
{
    [Fact]
    public async Task A_pilote_creates_the_cible_of_a_project_from_its_page()
    {
        var pilote = await app.CreateAccountAsync("Paul Cible", administrator: false);
        var territoryId = await app.CreateTerritoryAsync($"Val de Seine {Guid.NewGuid():N}"[..19], "Le projet et sa cible.", "94018");
        await app.AddMemberAsync(territoryId, pilote, TerritoryRole.Pilote);
        var projectId = await SeedAsync(territoryId);
        await using var journey = await Journey.StartAsync(app, chromium);
        var page = journey.Page;
        await journey.SignInAndWaitAsync(pilote);

        await journey.GoToAsync($"/territoires/{territoryId}/projets/{projectId}");
        var cibles = page.GetByRole(AriaRole.Region, new() { Name = "Cibles du projet" });
        await Expect(cibles).ToContainTextAsync("Aucune cible pour ce projet");
        await cibles.GetByRole(AriaRole.Link, new() { Name = "Créer la cible du projet" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Nouvelle cible du projet « Emploi des jeunes »" })).ToBeVisibleAsync();
        await Expect(page.GetByLabel("Nom de la cible")).ToHaveValueAsync("Cible du projet « Emploi des jeunes »");
        await Expect(page.GetByLabel("Mission locale de la Seine")).ToBeCheckedAsync();
        await Expect(page.GetByLabel("Club des entreprises de la Seine")).ToBeCheckedAsync();
        await journey.CheckAsync("cible-du-projet");
        await page.GetByLabel("Club des entreprises de la Seine").UncheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Créer la cible du projet" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Cible « Cible du projet « Emploi des jeunes » »", Level = 1 })).ToBeVisibleAsync();
        await Expect(page.GetByText("créée avec 1 acteur du projet hors cible")).ToBeVisibleAsync();
        await page.Locator("#cible-projet").GetByRole(AriaRole.Link, new() { Name = "Emploi des jeunes" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Region, new() { Name = "Cibles du projet" })).ToContainTextAsync("Cible du projet « Emploi des jeunes » — 1 acteur");
    }

    private async Task<Guid> SeedAsync(Guid territoryId)
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var project = new Project(territoryId, "Emploi des jeunes");
        db.Projects.Add(project);
        var role = ParticipationRoleCatalog.DefaultsOnly.Find("partenaire")!;
        foreach (var (name, family) in new[] { ("Mission locale de la Seine", ActorFamily.EmploiFormation), ("Club des entreprises de la Seine", ActorFamily.Entreprises) })
        {
            var actor = new Actor(territoryId, name, null, family);
            db.Actors.Add(actor);
            db.ProjectParticipations.Add(new ProjectParticipation(project, actor, role));
        }

        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        return project.Id;
    }
}
