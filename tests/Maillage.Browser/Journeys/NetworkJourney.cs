using Maillage.Actors;
using Maillage.Browser.Infrastructure;
using Maillage.Data;
using Maillage.Territories;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Maillage.Browser.Journeys;

[Collection(ReadyInstallation.Name)]
public sealed class NetworkJourney(InstalledBrowserApp app, Chromium chromium)
{
    [Fact]
    public async Task The_network_map_loads_and_focuses_on_an_actor()
    {
        var pilote = await app.CreateAccountAsync("Nina Réseau", administrator: false);
        var territoryId = await app.CreateTerritoryAsync($"Bords de Marne {Guid.NewGuid():N}"[..21], "Le réseau de l'emploi.", "94018");
        await app.AddMemberAsync(territoryId, pilote, TerritoryRole.Pilote);
        await SeedAsync(territoryId);
        await using var journey = await Journey.StartAsync(app, chromium);
        var page = journey.Page;
        await journey.SignInAndWaitAsync(pilote);

        await journey.GoToAsync($"/territoires/{territoryId}");
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Navigation du territoire" }).GetByRole(AriaRole.Link, new() { Name = "Réseau", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Réseau des relations", Level = 1 })).ToBeVisibleAsync();
        await Expect(page.Locator("#network-map[data-ready='true']")).ToBeVisibleAsync();
        await Expect(page.Locator("#network-status")).ToContainTextAsync("7 acteurs et 7 relations affichés");
        await Expect(page.Locator("#network-map canvas").First).ToBeVisibleAsync();
        var bridges = page.GetByRole(AriaRole.Region, new() { Name = "Qui fait le pont" });
        await Expect(bridges).ToContainTextAsync("Maison de l'emploi");
        await Expect(page.GetByRole(AriaRole.Region, new() { Name = "Qui est isolé" })).ToContainTextAsync("Fondation des Bords de Marne");
        await journey.CheckAsync("reseau");

        // The search box centres the map on one actor's neighbourhood; the button shows the whole network again.
        await page.GetByLabel("Centrer sur un acteur").FillAsync("maison de l'emploi");
        await page.GetByRole(AriaRole.Button, new() { Name = "Chercher" }).ClickAsync();
        await Expect(page.Locator("#network-status")).ToContainTextAsync("Voisinage de « Maison de l'emploi » : 3 acteurs reliés.");
        await Expect(page.Locator("#network-map[data-focus]")).ToHaveCountAsync(1);
        await journey.CheckAsync("reseau-voisinage");
        await page.GetByRole(AriaRole.Button, new() { Name = "Revoir tout le réseau" }).ClickAsync();
        await Expect(page.Locator("#network-map[data-focus]")).ToHaveCountAsync(0);

        // A bridge of the list is shown on the map in one click.
        await bridges.GetByRole(AriaRole.Button, new() { Name = "voir sur la carte : Club des entreprises" }).ClickAsync();
        await Expect(page.Locator("#network-status")).ToContainTextAsync("Voisinage de « Club des entreprises »");
    }

    /// <summary>Two groups (employment operators, companies) joined by the Maison de l'emploi and the club; a foundation alone.</summary>
    private async Task SeedAsync(Guid territoryId)
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        Actor Add(string name, ActorFamily family)
        {
            var actor = new Actor(territoryId, name, null, family);
            db.Actors.Add(actor);
            return actor;
        }

        var france = Add("France Travail Charenton", ActorFamily.EmploiFormation);
        var mission = Add("Mission locale des Bords de Marne", ActorFamily.EmploiFormation);
        var mde = Add("Maison de l'emploi", ActorFamily.EmploiFormation);
        var club = Add("Club des entreprises", ActorFamily.Entreprises);
        var drh = Add("Club de DRH", ActorFamily.Entreprises);
        var cci = Add("CCI du Val-de-Marne", ActorFamily.DeveloppementEconomique);
        Add("Fondation des Bords de Marne", ActorFamily.Associations);
        foreach (var (source, target) in new[] { (france, mission), (mission, mde), (mde, france), (mde, club), (club, drh), (drh, cci), (cci, club) })
        {
            db.ActorRelations.Add(new ActorRelation(source, target, "partenaire-historique", RelationTypeCatalog.DefaultsOnly, null, null, null, null));
        }

        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
    }
}
