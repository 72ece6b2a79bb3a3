using System.Text.RegularExpressions;
using Maillage.Browser.Infrastructure;
using Maillage.Territories;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Maillage.Browser.Journeys;

[Collection(ReadyInstallation.Name)]
public sealed class ActorsJourney(InstalledBrowserApp app, Chromium chromium)
{
    private const string Quote = "L'interlocuteur au sein de la structure partenaire doit avoir effectivement un pouvoir de décision";

    [Fact]
    public async Task A_pilote_maps_the_actors_of_a_territory_and_merges_a_duplicate()
    {
        var pilote = await app.CreateAccountAsync("Paule Pilote", administrator: false);
        var suffix = Guid.NewGuid().ToString("N")[..6];
        var territoryId = await app.CreateTerritoryAsync($"Bords de Marne {suffix}", "Agir ensemble pour l'emploi.", "94018", "94069");
        await app.AddMemberAsync(territoryId, pilote, TerritoryRole.Pilote);
        await using var journey = await Journey.StartAsync(app, chromium);
        var page = journey.Page;
        await journey.SignInAndWaitAsync(pilote);

        // The directory is reached from the territory's navigation; it starts empty.
        await journey.GoToAsync($"/territoires/{territoryId}");
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Navigation du territoire" }).GetByRole(AriaRole.Link, new() { Name = "Acteurs" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Acteurs", Level = 1 })).ToBeVisibleAsync();
        await Expect(page.GetByText("Aucun acteur pour l'instant.")).ToBeVisibleAsync();
        await journey.CheckAsync("annuaire-vide");

        // One actor of each of the five families; a company with a SIRET, an association with its RNA number.
        await CreateActorAsync(journey, "Ville de Charenton-le-Pont", "Pouvoirs publics", "Commune");
        await CreateActorAsync(journey, "Chambre de commerce du Val-de-Marne", "Acteurs du développement économique",
            "Chambre de commerce et d'industrie (CCI)", acronym: "CCI 94");
        const string missionLocale = "Mission locale des Bords de Marne";
        await CreateActorAsync(journey, missionLocale, "Opérateurs de l'emploi et de la formation", "Mission locale",
            competences: "insertion des jeunes ; mobilité", check: "formulaire-acteur");
        const string club = "Club des entreprises de Saint-Maurice";
        await CreateActorAsync(journey, club, "Entreprises et leurs réseaux", "Club d'entreprises");
        const string bakery = "Boulangerie Martin";
        await CreateActorAsync(journey, bakery, "Entreprises et leurs réseaux", "Entreprise", siret: "44306184100021");
        await Expect(page.GetByText("SIREN 443061841")).ToBeVisibleAsync();
        const string garden = "Les Jardins du Cœur";
        await CreateActorAsync(journey, garden, "Associations et ESS", "Association", rna: "W941234567");
        await Expect(page.GetByText("RNA W941234567")).ToBeVisibleAsync();

        // A contact without decision power: the page quotes why it matters.
        var missionLocaleUrl = await OpenActorAsync(journey, territoryId, missionLocale);
        await AddContactAsync(journey, "Claire", "Dupont", "Chargée de relations entreprises", "Non", check: "formulaire-interlocuteur");
        var contacts = page.GetByRole(AriaRole.Region, new() { Name = "Interlocuteurs" });
        await Expect(contacts).ToContainTextAsync("Claire Dupont");
        await Expect(contacts.Locator(".decision-non")).ToContainTextAsync("Non");
        await Expect(contacts.GetByText(Quote)).ToBeVisibleAsync();
        await journey.CheckAsync("interlocuteur-sans-pouvoir");

        // The bakery is a member of the club: the club's page reads the relation the other way.
        await OpenActorAsync(journey, territoryId, bakery);
        await page.GetByLabel("Acteur lié : chercher par son nom").FillAsync("Club des entreprises");
        await page.GetByRole(AriaRole.Radio, new() { Name = club }).CheckAsync();
        await page.GetByLabel("Type de relation").SelectOptionAsync(new SelectOptionValue { Label = "membre de" });
        await page.GetByLabel("Intensité").SelectOptionAsync("4");
        await journey.CheckAsync("relation-formulaire");
        await page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer la relation" }).ClickAsync();
        var relations = page.GetByRole(AriaRole.Region, new() { Name = "Relations" });
        await Expect(relations.Locator(".relation-item")).ToContainTextAsync($"membre de {club}");
        await journey.CheckAsync("relation-membre-de");
        await relations.GetByRole(AriaRole.Link, new() { Name = club, Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = club, Level = 1 })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Region, new() { Name = "Relations" }).Locator(".relation-item"))
            .ToContainTextAsync($"a pour membre {bakery}");
        await journey.CheckAsync("relation-lue-depuis-le-club");

        // Found by search, then by family; the address follows the filters.
        await journey.GoToAsync($"/territoires/{territoryId}/acteurs");
        await page.GetByLabel("Rechercher", new() { Exact = true }).FillAsync("jardins");
        var results = page.Locator("#resultats");
        await Expect(results.GetByText("1 acteur", new() { Exact = true })).ToBeVisibleAsync();
        await Expect(results.GetByRole(AriaRole.Link, new() { Name = garden })).ToBeVisibleAsync();
        await Expect(page).ToHaveURLAsync(QueryWith("q=jardins"));
        await journey.CheckAsync("recherche");
        await page.GetByLabel("Rechercher", new() { Exact = true }).FillAsync("");
        await page.GetByLabel("Famille").SelectOptionAsync(new SelectOptionValue { Label = "Entreprises et leurs réseaux" });
        await Expect(results.GetByText("2 acteurs", new() { Exact = true })).ToBeVisibleAsync();
        await Expect(results.GetByRole(AriaRole.Link, new() { Name = bakery })).ToBeVisibleAsync();
        await Expect(results.GetByRole(AriaRole.Link, new() { Name = club })).ToBeVisibleAsync();
        await Expect(results.GetByRole(AriaRole.Link, new() { Name = garden })).ToHaveCountAsync(0);
        await Expect(page).ToHaveURLAsync(QueryWith("famille=entreprises"));
        await journey.CheckAsync("filtre-famille");

        // A near-duplicate is announced before it is created; the pilote creates it anyway and gives it a contact.
        const string typo = "Mision locale des Bords de Marne";
        await page.GetByRole(AriaRole.Link, new() { Name = "Ajouter un acteur" }).ClickAsync();
        await page.GetByLabel("Nom de la structure").FillAsync(typo);
        await page.GetByLabel("Famille").SelectOptionAsync(new SelectOptionValue { Label = "Opérateurs de l'emploi et de la formation" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer l'acteur" }).ClickAsync();
        var warning = page.GetByRole(AriaRole.Alert).Filter(new() { HasText = "Cet acteur existe peut-être déjà" });
        await Expect(warning).ToBeVisibleAsync();
        await Expect(warning.GetByRole(AriaRole.Link, new() { Name = missionLocale })).ToBeVisibleAsync();
        await Expect(warning).ToContainTextAsync("nom presque identique");
        await journey.CheckAsync("doublon-annonce");
        await warning.GetByRole(AriaRole.Button, new() { Name = "Créer quand même" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = typo, Level = 1 })).ToBeVisibleAsync();
        await AddContactAsync(journey, "Karim", "Benali", "Directeur", "Oui");

        // Merged into the original: the duplicate's contact is kept there, the duplicate is gone.
        await journey.GoToAsync(missionLocaleUrl);
        await page.GetByRole(AriaRole.Link, new() { Name = "Fusionner avec…" }).ClickAsync();
        await page.GetByRole(AriaRole.Radio, new() { Name = typo }).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Voir ce qui sera gardé" }).ClickAsync();
        await Expect(page.GetByText($"« {typo} » sera absorbé puis supprimé. Seront repris : 1 interlocuteur(s) et 0 relation(s).")).ToBeVisibleAsync();
        await journey.CheckAsync("fusion-apercu");
        await page.GetByRole(AriaRole.Button, new() { Name = $"Fusionner « {typo} » dans « {missionLocale} »" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = missionLocale, Level = 1 })).ToBeVisibleAsync();
        await Expect(page.GetByText($"« {typo} » est fusionné dans « {missionLocale} »")).ToBeVisibleAsync();
        contacts = page.GetByRole(AriaRole.Region, new() { Name = "Interlocuteurs" });
        await Expect(contacts).ToContainTextAsync("Claire Dupont");
        await Expect(contacts).ToContainTextAsync("Karim Benali");
        await journey.CheckAsync("fusion-faite");

        await journey.GoToAsync($"/territoires/{territoryId}/acteurs?q=bords");
        await Expect(page.Locator("#resultats").GetByText("1 acteur", new() { Exact = true })).ToBeVisibleAsync();
        await Expect(page.Locator("#resultats").GetByRole(AriaRole.Link, new() { Name = typo })).ToHaveCountAsync(0);
    }

    private static async Task CreateActorAsync(Journey journey, string name, string family, string subtype, string? acronym = null,
        string? siret = null, string? rna = null, string? competences = null, string? check = null)
    {
        var page = journey.Page;
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Navigation du territoire" }).GetByRole(AriaRole.Link, new() { Name = "Acteurs" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Ajouter un acteur" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Ajouter un acteur", Level = 1 })).ToBeVisibleAsync();
        await page.GetByLabel("Nom de la structure").FillAsync(name);
        if (acronym is not null)
        {
            await page.GetByLabel("Sigle").FillAsync(acronym);
        }

        await page.GetByLabel("Famille").SelectOptionAsync(new SelectOptionValue { Label = family });
        await page.GetByLabel("Sous-type").SelectOptionAsync(new SelectOptionValue { Label = subtype });
        if (siret is not null)
        {
            await page.GetByLabel("SIRET", new() { Exact = true }).FillAsync(siret);
        }

        if (rna is not null)
        {
            await page.GetByLabel("Numéro RNA").FillAsync(rna);
        }

        if (competences is not null)
        {
            await page.GetByLabel("Compétences de l'acteur").FillAsync(competences);
            await page.GetByRole(AriaRole.Checkbox, new() { Name = "Accompagnement" }).CheckAsync();
        }

        if (check is not null)
        {
            await journey.CheckAsync(check);
        }

        await page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer l'acteur" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = name, Level = 1 })).ToBeVisibleAsync();
        await Expect(page.GetByText($"L'acteur « {name} » est enregistré.")).ToBeVisibleAsync();
    }

    /// <summary>Opens an actor from the directory's search and returns its address.</summary>
    private static async Task<string> OpenActorAsync(Journey journey, Guid territoryId, string name)
    {
        var page = journey.Page;
        await journey.GoToAsync($"/territoires/{territoryId}/acteurs?q={Uri.EscapeDataString(name)}");
        await page.Locator("#resultats").GetByRole(AriaRole.Link, new() { Name = name, Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = name, Level = 1 })).ToBeVisibleAsync();
        return new Uri(page.Url).PathAndQuery;
    }

    private static async Task AddContactAsync(Journey journey, string firstName, string lastName, string function, string decisionPower,
        string? check = null)
    {
        var page = journey.Page;
        await page.GetByRole(AriaRole.Link, new() { Name = "Ajouter un interlocuteur" }).ClickAsync();
        await page.GetByLabel("Prénom").FillAsync(firstName);
        await page.GetByLabel("Nom", new() { Exact = true }).FillAsync(lastName);
        await page.GetByLabel("Fonction").FillAsync(function);
        await page.GetByLabel("Niveau hiérarchique").SelectOptionAsync(new SelectOptionValue { Label = "Encadrement" });
        await page.GetByRole(AriaRole.Radio, new() { Name = decisionPower, Exact = true }).CheckAsync();
        await page.GetByLabel("Source des données").FillAsync("Carte de visite remise au forum de l'emploi");
        if (check is not null)
        {
            await journey.CheckAsync(check);
        }

        await page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer l'interlocuteur" }).ClickAsync();
        await Expect(page.GetByText($"L'interlocuteur « {firstName} {lastName} » est enregistré.")).ToBeVisibleAsync();
    }

    private static Regex QueryWith(string parameter) => new(Regex.Escape(parameter));
}
