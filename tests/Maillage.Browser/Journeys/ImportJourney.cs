using System.Text;
using Maillage.Browser.Infrastructure;
using Maillage.Imports;
using Maillage.Territories;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Maillage.Browser.Journeys;

[Collection(ReadyInstallation.Name)]
public sealed class ImportJourney(InstalledBrowserApp app, Chromium chromium)
{
    [Fact]
    public async Task A_pilote_imports_a_spreadsheet_fixes_the_reported_line_and_imports_it_again()
    {
        var pilote = await app.CreateAccountAsync("Irène Import", administrator: false);
        var suffix = Guid.NewGuid().ToString("N")[..6];
        var territoryId = await app.CreateTerritoryAsync($"Import {suffix}", "Un annuaire importé.", "94018", "94069");
        await app.AddMemberAsync(territoryId, pilote, TerritoryRole.Pilote);
        await using var journey = await Journey.StartAsync(app, chromium);
        var page = journey.Page;
        await journey.SignInAndWaitAsync(pilote);

        // From the directory to the imports.
        await journey.GoToAsync($"/territoires/{territoryId}/acteurs");
        await page.GetByRole(AriaRole.Link, new() { Name = "Importer des acteurs" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Importer des acteurs", Level = 1 })).ToBeVisibleAsync();
        await journey.CheckAsync("imports-vide");

        var (good, other) = (ImportMeasurement.Siret(71_000_001), ImportMeasurement.Siret(71_000_002));
        var bad = "Raison sociale;Type d'acteur;N° SIRET;Commentaire\n" +
                  $"Ateliers de la Marne;entreprises;{good};Client historique\n" +
                  "Boulangerie du Port;entreprises;123;\n";
        await UploadAsync(page, bad);

        // The columns are guessed from the headers and can be changed.
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Correspondance des colonnes" })).ToBeVisibleAsync();
        await Expect(page.GetByLabel("N° SIRET")).ToHaveValueAsync("siret");
        await Expect(page.GetByLabel("Raison sociale")).ToHaveValueAsync("name");
        await Expect(page.GetByLabel("Commentaire")).ToHaveValueAsync("notes");
        await journey.CheckAsync("correspondance-devinee");
        await page.GetByRole(AriaRole.Button, new() { Name = "Vérifier le fichier" }).ClickAsync();

        // The check lists the problem by line and column; nothing is written.
        var problems = page.GetByRole(AriaRole.Region, new() { Name = "Problèmes à corriger dans le fichier" });
        await Expect(problems).ToContainTextAsync("Ligne 3, colonne « N° SIRET » : « 123 » n'est pas un SIRET valide", new() { Timeout = 60_000 });
        await journey.CheckAsync("problemes-par-ligne");

        // Fixed in the file, uploaded again and imported: the progress, then the report.
        await journey.GoToAsync($"/territoires/{territoryId}/imports");
        await UploadAsync(page, bad.Replace(";123;", $";{other};", StringComparison.Ordinal));
        await page.GetByRole(AriaRole.Button, new() { Name = "Importer", Exact = true }).ClickAsync();
        var report = page.GetByRole(AriaRole.Region, new() { Name = "Rapport d'import" });
        await Expect(report).ToBeVisibleAsync(new() { Timeout = 60_000 });
        await Expect(report.GetByTestId("crees")).ToHaveTextAsync("2");
        await Expect(page.GetByText("Importé", new() { Exact = true })).ToBeVisibleAsync();
        await journey.CheckAsync("rapport-import");

        // The same file again changes nothing.
        await journey.GoToAsync($"/territoires/{territoryId}/imports");
        await UploadAsync(page, bad.Replace(";123;", $";{other};", StringComparison.Ordinal));
        await page.GetByRole(AriaRole.Button, new() { Name = "Importer", Exact = true }).ClickAsync();
        report = page.GetByRole(AriaRole.Region, new() { Name = "Rapport d'import" });
        await Expect(report.GetByTestId("inchanges")).ToHaveTextAsync("2", new() { Timeout = 60_000 });
        await Expect(report.GetByTestId("crees")).ToHaveTextAsync("0");

        await journey.GoToAsync($"/territoires/{territoryId}/acteurs");
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Boulangerie du Port" })).ToBeVisibleAsync();
    }

    private static async Task UploadAsync(IPage page, string csv)
    {
        await page.GetByLabel("Fichier à importer").SetInputFilesAsync(new FilePayload
        {
            Name = "acteurs.csv",
            MimeType = "text/csv",
            Buffer = [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(csv)],
        });
        await page.GetByRole(AriaRole.Button, new() { Name = "Lire le fichier" }).ClickAsync();
    }
}
