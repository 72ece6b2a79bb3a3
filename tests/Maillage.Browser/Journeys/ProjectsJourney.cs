using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using Maillage.Browser.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Maillage.Browser.Journeys;

[Collection(ReadyInstallation.Name)]
public sealed class ProjectsJourney(InstalledBrowserApp app, Chromium chromium)
{
    [Fact]
    public async Task A_pilote_frames_a_project_like_Charenton_with_its_phases_and_planning()
    {
        var pilote = await app.CreateAccountAsync("Paule Pilote", administrator: true);
        var suffix = Guid.NewGuid().ToString("N")[..6];
        var territoryId = await app.CreateTerritoryAsync($"Charenton-Saint-Maurice {suffix}", "Agir ensemble sur le territoire.", "94018", "94069");
        await using var journey = await Journey.StartAsync(app, chromium);
        await journey.SignInAndWaitAsync(pilote);
        var page = journey.Page;

        await page.GotoAsync($"/territoires/{territoryId}");
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Navigation du territoire" }).GetByRole(AriaRole.Link, new() { Name = "Projets" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Projets partenariaux", Level = 1 })).ToBeVisibleAsync();
        await journey.CheckAsync("projets-vide");
        await page.GetByRole(AriaRole.Link, new() { Name = "Nouveau projet" }).ClickAsync();

        await page.GetByLabel("Nom du projet").FillAsync("Agir ensemble sur le territoire");
        await page.GetByLabel("Exposé des motifs").FillAsync("Les partenariats associations – entreprises apparaissent comme un levier pertinent.");
        await page.GetByLabel("Objectifs").FillAsync("Inventer collectivement des solutions de partenariat.");
        await page.GetByLabel("Emploi").CheckAsync();
        await page.GetByLabel("Handicap").CheckAsync();
        await page.GetByLabel("Le projet s'adresse à des entreprises").CheckAsync();
        await page.GetByLabel("Date de début").FillAsync("2011-10-01");
        await page.GetByLabel("Date de fin").FillAsync("2012-12-31");
        await page.GetByLabel("Ajouter une commune, un EPCI, un département ou une région").FillAsync("Charenton-le-Pont");
        var result = page.Locator("#perimeter-results").GetByRole(AriaRole.Button, new() { Name = "Charenton-le-Pont" }).First;
        await Expect(result).ToBeVisibleAsync();
        await result.ClickAsync();
        await Expect(page.GetByRole(AriaRole.List, new() { Name = "Zones du périmètre" })).ToContainTextAsync("Charenton-le-Pont");
        await journey.CheckAsync("cadre-du-projet");
        await page.GetByRole(AriaRole.Button, new() { Name = "Créer le projet" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Agir ensemble sur le territoire", Level = 1 })).ToBeVisibleAsync();
        await Expect(page.Locator(".project-perimeter")).ToContainTextAsync("Charenton-le-Pont");
        await page.GetByRole(AriaRole.Link, new() { Name = "Modifier la phase « Expérimentation »" }).ClickAsync();
        await page.GetByLabel("Mode opératoire").FillAsync("GT1 diagnostic partagé, GT2 pistes de solution, GT3 plan d'action");
        await page.GetByLabel("Date de début").FillAsync("2012-01-01");
        await page.GetByLabel("Date de fin").FillAsync("2012-06-30");
        await journey.CheckAsync("phase-experimentation");
        await page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer la phase" }).ClickAsync();

        await Expect(page.GetByText("La phase « Expérimentation » est enregistrée.")).ToBeVisibleAsync();
        var experimentation = page.Locator("#phase-experimentation");
        await experimentation.GetByLabel("Nouveau livrable").FillAsync("Plan d'action (GT3)");
        await experimentation.GetByLabel("Échéance").FillAsync("2012-05-31");
        await experimentation.GetByLabel("Responsable").FillAsync("Groupes de travail");
        await experimentation.GetByRole(AriaRole.Button, new() { Name = "Ajouter" }).ClickAsync();
        await Expect(page.Locator("#phase-experimentation .deliverables")).ToContainTextAsync("Plan d'action (GT3)");

        await page.GetByLabel("Date du comité").FillAsync("2012-01-12");
        await page.GetByLabel("Intitulé (facultatif)").FillAsync("Copil de lancement");
        await page.GetByRole(AriaRole.Button, new() { Name = "Ajouter au planning" }).ClickAsync();
        await Expect(page.Locator(".copils")).ToContainTextAsync("12/01/2012 — Copil de lancement");
        await Expect(page.Locator("svg.timeline-svg rect.timeline-experimentation")).ToBeAttachedAsync();
        await Expect(page.Locator("svg.timeline-svg polygon.timeline-copil")).ToBeAttachedAsync();
        await Expect(page.Locator(".history-table")).ToContainTextAsync("Mode opératoire");
        await journey.CheckAsync("projet-et-planning");
    }

    [Fact]
    public async Task A_pilote_downloads_the_project_dossier_as_a_Word_document()
    {
        var pilote = await app.CreateAccountAsync("Denise Dossier", administrator: true);
        var suffix = Guid.NewGuid().ToString("N")[..6];
        var territoryId = await app.CreateTerritoryAsync($"Charenton dossier {suffix}", "Le dossier du projet.", "94018", "94069");
        await using var journey = await Journey.StartAsync(app, chromium);
        await journey.SignInAndWaitAsync(pilote);
        var page = journey.Page;

        await page.GotoAsync($"/territoires/{territoryId}/projets/nouveau");
        await page.GetByLabel("Nom du projet").FillAsync("Agir ensemble sur le territoire");
        await page.GetByLabel("Exposé des motifs").FillAsync("Pour les associations : un levier « pertinent ».\nLa place des collectivités : « comment faire ? »");
        await page.GetByRole(AriaRole.Button, new() { Name = "Créer le projet" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Agir ensemble sur le territoire", Level = 1 })).ToBeVisibleAsync();
        await journey.CheckAsync("projet-avec-dossier");

        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "Télécharger le dossier (Word)" }).ClickAsync());
        download.SuggestedFilename.ShouldBe("dossier-agir-ensemble-sur-le-territoire.docx");
        using var document = WordprocessingDocument.Open(await download.PathAsync(), false);
        var paragraphs = document.MainDocumentPart!.Document.Body!.Elements<Paragraph>().ToList();
        paragraphs[0].InnerText.ShouldBe("Agir ensemble sur le territoire");
        paragraphs.Count(p => p.ParagraphProperties?.ParagraphStyleId?.Val?.Value == "Heading1").ShouldBe(8, "les huit parties du cadre du RAMEAU");
        paragraphs.Select(p => p.InnerText).ShouldContain("La place des collectivités : « comment faire ? »");
    }
}
