using Maillage.Browser.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Maillage.Browser.Journeys;

[Collection(ReadyInstallation.Name)]
public sealed class RoleConditionsJourney(InstalledBrowserApp app, Chromium chromium)
{
    [Fact]
    public async Task A_pilote_rewords_the_pilote_conditions_for_the_territory_then_goes_back_to_the_source()
    {
        var pilote = await app.CreateAccountAsync("Paule Pilote", administrator: true);
        var suffix = Guid.NewGuid().ToString("N")[..6];
        var territoryId = await app.CreateTerritoryAsync($"Charenton-Saint-Maurice {suffix}", "Agir ensemble sur le territoire.", "94018", "94069");
        await using var journey = await Journey.StartAsync(app, chromium);
        await journey.SignInAndWaitAsync(pilote);
        var page = journey.Page;

        await journey.GoToAsync($"/territoires/{territoryId}/projets/roles");
        var piloteCard = page.Locator("section.project-role").Filter(new() { Has = page.Locator("#role-pilote") });
        await Expect(piloteCard.Locator("ul.role-conditions li")).ToHaveCountAsync(5);
        await piloteCard.GetByText("Modifier les conditions", new() { Exact = true }).ClickAsync();
        var conditions = piloteCard.GetByLabel("Conditions d'exercice du rôle « Pilote » dans ce territoire (une par ligne)");
        await Expect(conditions).ToBeVisibleAsync();
        await conditions.FillAsync(
            "Être clairement identifié et identifiable en tant que point de contact et pour répondre aux questions des acteurs.\n" +
            "Rendre compte au comité de pilotage de Charenton-Saint-Maurice");
        await journey.CheckAsync("conditions-du-pilote");
        await piloteCard.GetByRole(AriaRole.Button, new() { Name = "Enregistrer les conditions" }).ClickAsync();

        await Expect(page.Locator(".alert-success[role=status]")).ToContainTextAsync("Conditions d'exercice du rôle « Pilote » enregistrées");
        await Expect(piloteCard.Locator("ul.role-conditions li")).ToHaveTextAsync(
        [
            "Être clairement identifié et identifiable en tant que point de contact et pour répondre aux questions des acteurs.",
            "Rendre compte au comité de pilotage de Charenton-Saint-Maurice",
        ]);
        await Expect(piloteCard.GetByText("adaptées par le territoire", new() { Exact = true })).ToBeVisibleAsync();
        await piloteCard.GetByText("Conditions du tableau de la source", new() { Exact = true }).ClickAsync();
        await Expect(piloteCard.Locator(".role-source-conditions li")).ToHaveCountAsync(5);
        await journey.CheckAsync("conditions-adaptees");

        await piloteCard.GetByRole(AriaRole.Button, new() { Name = "Revenir au texte de la source" }).ClickAsync();
        await Expect(page.Locator(".alert-success[role=status]")).ToContainTextAsync("reprend les conditions d'exercice de la source");
        await Expect(piloteCard.Locator("ul.role-conditions li")).ToHaveCountAsync(5);
        await Expect(piloteCard.GetByRole(AriaRole.Button, new() { Name = "Revenir au texte de la source" })).ToHaveCountAsync(0);
        await journey.CheckAsync("conditions-de-la-source");
    }
}
