using System.Text;
using Maillage.Browser.Infrastructure;
using Maillage.Territories;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Maillage.Browser.Journeys;

[Collection(ReadyInstallation.Name)]
public sealed class TransferJourney(InstalledBrowserApp app, Chromium chromium)
{
    [Fact]
    public async Task A_pilote_creates_the_public_actors_then_downloads_the_filtered_directory()
    {
        var pilote = await app.CreateAccountAsync("Pierre Pilote", administrator: false);
        var suffix = Guid.NewGuid().ToString("N")[..6];
        var territoryId = await app.CreateTerritoryAsync($"Boucle de la Marne {suffix}", "Agir ensemble.", "94018", "94069");
        await app.AddMemberAsync(territoryId, pilote, TerritoryRole.Pilote);
        await using var journey = await Journey.StartAsync(app, chromium);
        var page = journey.Page;
        await journey.SignInAndWaitAsync(pilote);

        // The button shows what will be created before anything is.
        await journey.GoToAsync($"/territoires/{territoryId}/acteurs");
        await page.GetByRole(AriaRole.Link, new() { Name = "Créer les acteurs publics" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Acteurs publics du territoire", Level = 1 })).ToBeVisibleAsync();
        var plan = page.Locator(".public-actors-plan");
        await Expect(plan.GetByRole(AriaRole.Row, new() { Name = "Communes" })).ToContainTextAsync("2");
        await journey.CheckAsync("acteurs-publics-a-creer");
        await page.GetByRole(AriaRole.Button, new() { Name = "Créer 5 acteurs publics" }).ClickAsync();

        // The directory then lists them, with the report.
        await Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "5 acteurs publics créés" })).ToBeVisibleAsync();
        var results = page.Locator("#resultats");
        await Expect(results.GetByRole(AriaRole.Link, new() { Name = "Charenton-le-Pont", Exact = true })).ToBeVisibleAsync();
        await Expect(results.GetByRole(AriaRole.Link, new() { Name = "Métropole du Grand Paris" })).ToBeVisibleAsync();
        await journey.CheckAsync("acteurs-publics-crees");

        // A second click creates nothing and says so.
        await journey.GoToAsync($"/territoires/{territoryId}/acteurs/acteurs-publics");
        await Expect(page.GetByText("Rien à créer : tous les acteurs publics du périmètre sont déjà dans l'annuaire.")).ToBeVisibleAsync();

        // Filter to the communes, then export: the file holds what the page shows.
        await journey.GoToAsync($"/territoires/{territoryId}/acteurs");
        await page.GetByLabel("Sous-type").SelectOptionAsync("commune");
        await Expect(results.GetByText("2 acteurs", new() { Exact = true })).ToBeVisibleAsync();
        var download = await page.RunAndWaitForDownloadAsync(() =>
            results.GetByRole(AriaRole.Link, new() { Name = "CSV (Excel français)" }).ClickAsync());
        download.SuggestedFilename.ShouldStartWith("acteurs-boucle-de-la-marne-");
        download.SuggestedFilename.ShouldEndWith(".csv");
        var path = await download.PathAsync();
        var bytes = await File.ReadAllBytesAsync(path, TestContext.Current.CancellationToken);
        bytes.AsSpan(0, 3).ToArray().ShouldBe(new byte[] { 0xEF, 0xBB, 0xBF });
        var lines = Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        lines.Length.ShouldBe(3);
        lines[1].ShouldContain("Charenton-le-Pont;;pouvoirs-publics;commune;");
        lines[2].ShouldContain("Saint-Maurice;;pouvoirs-publics;commune;");

        var xlsx = await page.RunAndWaitForDownloadAsync(() =>
            results.GetByRole(AriaRole.Link, new() { Name = "Excel (XLSX)" }).ClickAsync());
        xlsx.SuggestedFilename.ShouldEndWith(".xlsx");
        var zip = await File.ReadAllBytesAsync(await xlsx.PathAsync(), TestContext.Current.CancellationToken);
        zip.AsSpan(0, 2).ToArray().ShouldBe("PK"u8.ToArray());
        await journey.CheckAsync("annuaire-filtre-exporte");
    }
}
