using Maillage.Actors;
using Maillage.Browser.Infrastructure;
using Maillage.Data;
using Maillage.Territories;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Maillage.Browser.Journeys;

/// <summary>
/// Issue 6 end to end: a pilote frames a project like Charenton-Saint-Maurice (source 003), gathers its partners in two
/// waves with their roles (source 000), and watches the points de vigilance go away one by one as the data is completed.
/// </summary>
[Collection(ReadyInstallation.Name)]
public sealed class PartnershipJourney(InstalledBrowserApp app, Chromium chromium)
{
    private static readonly string[] BothCommunes = ["94018", "94069"];

    [Fact]
    public async Task A_pilote_gathers_partners_in_two_waves_and_clears_the_points_de_vigilance()
    {
        var pilote = await app.CreateAccountAsync("Paule Pilote", administrator: true);
        var suffix = Guid.NewGuid().ToString("N")[..6];
        var territoryId = await app.CreateTerritoryAsync($"Charenton-Saint-Maurice {suffix}", "Agir ensemble sur le territoire.", BothCommunes);
        await AddActorsAsync(territoryId);
        await using var journey = await Journey.StartAsync(app, chromium);
        await journey.SignInAndWaitAsync(pilote);
        var page = journey.Page;

        await page.GotoAsync($"/territoires/{territoryId}/projets/nouveau");
        await page.GetByLabel("Nom du projet").FillAsync("Agir ensemble sur le territoire");
        await page.GetByLabel("Objectifs").FillAsync("Inventer collectivement des solutions de partenariat.");
        await page.GetByLabel("Le projet s'adresse à des entreprises").CheckAsync();
        await page.GetByLabel("Date de début").FillAsync("2011-10-01");
        await page.GetByLabel("Date de fin").FillAsync("2012-12-31");
        await page.GetByLabel("Ajouter une commune, un EPCI, un département ou une région").FillAsync("Charenton-le-Pont");
        var result = page.Locator("#perimeter-results").GetByRole(AriaRole.Button, new() { Name = "Charenton-le-Pont" }).First;
        await Expect(result).ToBeVisibleAsync();
        await result.ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Créer le projet" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Agir ensemble sur le territoire", Level = 1 })).ToBeVisibleAsync();
        var projectUrl = page.Url;

        var vigilance = page.Locator("#vigilance");
        foreach (var code in new[] { "pilote-absent", "entreprises-absentes", "echeance-depassee", "evaluation-absente", "revue-intermediaire-absente" })
        {
            await Expect(Point(page, code)).ToBeVisibleAsync();
        }

        await Expect(vigilance.Locator("[data-code='famille-absente']")).ToHaveCountAsync(3);
        await Expect(Point(page, "entreprises-absentes")).ToContainTextAsync("intégrer dès le début les entreprises ou leurs relais");
        await journey.CheckAsync("vigilance-projet-nu");

        await Point(page, "pilote-absent").GetByRole(AriaRole.Link, new() { Name = "Désigner le pilote" }).ClickAsync();
        await AddPartnerAsync(page, "Maison de l'emploi", "Pilote", wave: 1);
        await AddPartnerAsync(page, "Club d'entreprises", "Opérateur", wave: 1);
        await AddPartnerAsync(page, "Communauté de communes", "Financeur", wave: 1);
        await AddPartnerAsync(page, "CCI", "Partenaire", wave: 2);
        await Expect(page.Locator(".participant-list")).ToContainTextAsync("CCI du Val-de-Marne");
        await journey.CheckAsync("partenaires-deux-vagues");

        await page.GotoAsync(projectUrl);
        await Expect(Point(page, "pilote-absent")).ToHaveCountAsync(0);
        await Expect(Point(page, "entreprises-absentes")).ToHaveCountAsync(0);
        await Expect(vigilance.Locator("[data-code='famille-absente']")).ToHaveCountAsync(0);
        await Expect(Point(page, "conditions-pilote")).ToContainTextAsync("5 conditions d'exercice ne sont pas remplies");

        await Point(page, "conditions-pilote").GetByRole(AriaRole.Link, new() { Name = "Vérifier les conditions du pilote" }).ClickAsync();
        foreach (var condition in new[] { "identifie", "disponible", "neutre", "lien", "gestion-projet" })
        {
            await page.Locator($"#condition-{condition}").CheckAsync();
        }

        await page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer la participation" }).ClickAsync();
        await page.GotoAsync(projectUrl);
        await Expect(Point(page, "conditions-pilote")).ToHaveCountAsync(0);

        await Point(page, "evaluation-absente").GetByRole(AriaRole.Link, new() { Name = "Planifier l'évaluation" }).ClickAsync();
        await page.GetByLabel("Date de début").FillAsync("2012-07-01");
        await page.GetByLabel("Date de fin").FillAsync("2012-12-31");
        await page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer la phase" }).ClickAsync();
        await Expect(page.GetByText("La phase « Évaluation / suivi » est enregistrée.")).ToBeVisibleAsync();
        await Expect(Point(page, "evaluation-absente")).ToHaveCountAsync(0);

        await page.GetByLabel("Date du comité").FillAsync("2012-07-05");
        await page.GetByLabel("Intitulé (facultatif)").FillAsync("Copil intermédiaire");
        await page.GetByRole(AriaRole.Button, new() { Name = "Ajouter au planning" }).ClickAsync();
        await Expect(page.Locator(".copils")).ToContainTextAsync("Copil intermédiaire");
        await Expect(Point(page, "revue-intermediaire-absente")).ToHaveCountAsync(0);

        await Point(page, "echeance-depassee").GetByRole(AriaRole.Link, new() { Name = "Décider de la suite" }).ClickAsync();
        await page.GetByLabel("Suite donnée", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "Poursuivi sous une autre forme" });
        await page.GetByLabel("Date de la décision").FillAsync("2013-01-15");
        await page.GetByLabel("Motifs (facultatif)").FillAsync("Élargir le cercle au fur et à mesure des réussites.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer la décision" }).ClickAsync();
        await Expect(page.Locator(".project-follow-up")).ToContainTextAsync("Poursuivi sous une autre forme");
        await Expect(vigilance.Locator(".vigilance-point")).ToHaveCountAsync(0);
        await Expect(vigilance).ToContainTextAsync("Aucun point de vigilance");
        await journey.CheckAsync("vigilance-levee");

        await page.GotoAsync($"/territoires/{territoryId}/projets");
        await page.GetByRole(AriaRole.Link, new() { Name = "Points de vigilance" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Points de vigilance des projets", Level = 1 })).ToBeVisibleAsync();
        await Expect(page.Locator(".vigilance-project")).ToContainTextAsync("Aucun point de vigilance");
        await journey.CheckAsync("vigilance-territoire");
    }

    private static ILocator Point(IPage page, string code) => page.Locator($"#vigilance [data-code='{code}']");

    private static async Task AddPartnerAsync(IPage page, string search, string role, int wave)
    {
        await page.GetByLabel("Acteur (recherche dans l'annuaire)").FillAsync(search);
        var candidates = page.Locator("#participant-candidates");
        await Expect(candidates.Locator(".candidates-count")).ToHaveTextAsync("1 acteur trouvé");
        await page.GetByLabel("Rôle", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = role });
        await page.GetByLabel("Vague").FillAsync(wave.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await page.GetByLabel("Poids dans les décisions (0 à 100)").FillAsync("20");
        await page.GetByRole(AriaRole.Button, new() { Name = "Ajouter au projet" }).ClickAsync();
        await Expect(page.Locator(".participant-list")).ToContainTextAsync(search);
    }

    /// <summary>The directory the partners are chosen from: one actor of each key family, acting on the project's communes.</summary>
    private async Task AddActorsAsync(Guid territoryId)
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var perimeters = scope.ServiceProvider.GetRequiredService<PerimeterResolver>();
        (string Name, ActorFamily Family, string Subtype, string[] Perimeter)[] actors =
        [
            ("Maison de l'emploi de Charenton", ActorFamily.EmploiFormation, "maison-emploi", BothCommunes),
            ("Club d'entreprises de Saint-Maurice", ActorFamily.Entreprises, "club-entreprises", BothCommunes),
            ("Communauté de communes Charenton-Saint-Maurice", ActorFamily.PouvoirsPublics, "epci", BothCommunes),
            ("CCI du Val-de-Marne", ActorFamily.DeveloppementEconomique, "cci", ["94"]),
        ];
        foreach (var (name, family, subtype, perimeter) in actors)
        {
            var actor = new Actor(territoryId, name, null, family);
            actor.Classify(family, subtype, SubtypeCatalog.DefaultsOnly);
            actor.SetPerimeter(perimeters.Resolve(perimeter));
            db.Actors.Add(actor);
        }

        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
    }
}
