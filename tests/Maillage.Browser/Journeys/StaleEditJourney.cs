using Maillage.Browser.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Maillage.Browser.Journeys;

[Collection(ReadyInstallation.Name)]
public sealed class StaleEditJourney(InstalledBrowserApp app, Chromium chromium)
{
    [Fact]
    public async Task A_stale_edit_shows_what_changed()
    {
        var admin = await app.CreateAccountAsync("Élise Éditrice", administrator: true);
        var suffix = Guid.NewGuid().ToString("N")[..6];
        var original = $"Vallée du Lot {suffix}";
        var renamed = $"Vallée du Lot et du Célé {suffix}";
        const string description = "Partenariats pour l'emploi des jeunes.";
        var territoryId = await app.CreateTerritoryAsync(original, description, "46042");
        await using var journey = await Journey.StartAsync(app, chromium);
        await journey.SignInAndWaitAsync(admin);

        // The same person opens the edit form in two tabs.
        var first = journey.Page;
        var second = await journey.OpenTabAsync();
        foreach (var tab in new[] { first, second })
        {
            await tab.GotoAsync($"/territoires/{territoryId}/modifier");
            await Expect(tab.GetByLabel("Nom du territoire")).ToHaveValueAsync(original);
        }

        await journey.CheckAsync("formulaire-onglet-1", first);
        await first.GetByLabel("Nom du territoire").FillAsync(renamed);
        await first.GetByRole(AriaRole.Button, new() { Name = "Enregistrer les modifications" }).ClickAsync();
        await Expect(first.GetByRole(AriaRole.Heading, new() { Name = renamed, Level = 1 })).ToBeVisibleAsync();
        await Expect(first.GetByText("Les modifications du territoire sont enregistrées.")).ToBeVisibleAsync();
        await journey.CheckAsync("enregistre-onglet-1", first);

        // The second tab still shows the old version: its save is refused and shows what changed meanwhile.
        await second.GetByLabel("Description").FillAsync("Une autre description, écrite sur une version périmée.");
        await second.GetByRole(AriaRole.Button, new() { Name = "Enregistrer les modifications" }).ClickAsync();
        await Expect(second.GetByText("Quelqu'un a modifié cet élément pendant que vous le modifiiez.")).ToBeVisibleAsync();
        var changes = second.Locator("#conflit");
        await Expect(changes.GetByRole(AriaRole.Heading, new() { Name = "Ce qui a changé depuis que vous avez ouvert le formulaire" })).ToBeVisibleAsync();
        await Expect(changes).ToContainTextAsync($"Nom : « {original} » → « {renamed} »");
        await Expect(changes).ToContainTextAsync(admin.Email);
        await Expect(second.GetByLabel("Nom du territoire")).ToHaveValueAsync(renamed);
        await journey.CheckAsync("conflit-onglet-2", second);

        // Nothing was overwritten: the first save stands, the stale description was not saved.
        await second.GotoAsync($"/territoires/{territoryId}");
        await Expect(second.GetByRole(AriaRole.Heading, new() { Name = renamed, Level = 1 })).ToBeVisibleAsync();
        await Expect(second.GetByRole(AriaRole.Region, new() { Name = "Présentation" })).ToContainTextAsync(description);
        await journey.CheckAsync("rien-d-ecrase", second);
    }
}
