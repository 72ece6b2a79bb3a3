using System.Text.RegularExpressions;
using Maillage.Browser.Infrastructure;
using Maillage.Territories;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Maillage.Browser.Journeys;

/// <summary>The very first start of an installation: it needs an app of its own, with no administrator yet.</summary>
public sealed partial class FirstStartJourney(BrowserApp app, Chromium chromium) : IClassFixture<BrowserApp>
{
    // A communauté de communes of the INSEE 2026 reference: SIREN 200034270, 20 member communes in the Bas-Rhin.
    private const string Epci = "CC du Pays de Barr";
    private const string TerritoryName = "Pays de Barr — Agir ensemble";

    [Fact]
    public async Task First_start_setup_creates_the_administrator_then_a_territory_from_an_EPCI_and_a_member_sees_only_that_territory()
    {
        var admin = Person.Unique("Alice Martin");
        var colleague = Person.Unique("Bruno Petit");
        await using var journey = await Journey.StartAsync(app, chromium);
        var page = journey.Page;

        // Whatever the address, a new installation first asks for its administrator.
        await journey.GoToAsync("/");
        await Expect(page).ToHaveURLAsync(EndsWith("/installation"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Bienvenue dans Maillage" })).ToBeVisibleAsync();
        await journey.CheckAsync("installation");
        await page.GetByLabel("Adresse électronique").FillAsync(admin.Email);
        await page.GetByLabel("Nom affiché").FillAsync(admin.DisplayName);
        await page.GetByLabel("Mot de passe", new() { Exact = true }).FillAsync(admin.Password);
        await page.GetByLabel("Confirmation du mot de passe").FillAsync(admin.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Créer le compte administrateur" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = $"Bonjour {admin.DisplayName}", Level = 1 })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "L'installation est prête" })).ToBeVisibleAsync();
        await journey.CheckAsync("accueil-installation-prete");

        await page.GetByRole(AriaRole.Button, new() { Name = "Créer le territoire de démonstration" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = DemoTerritory.Name, Level = 1 })).ToBeVisibleAsync();
        await Expect(page.GetByText("Le territoire de démonstration est prêt.")).ToBeVisibleAsync();
        var demoTerritoryUrl = page.Url;
        await journey.CheckAsync("territoire-de-demonstration");

        // A territory on the perimeter of an EPCI, found by the htmx search and added with the keyboard.
        await MainNavigation(page).GetByRole(AriaRole.Link, new() { Name = "Territoires" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Créer un territoire" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Créer un territoire", Level = 1 })).ToBeVisibleAsync();
        await journey.CheckAsync("nouveau-territoire");
        await page.GetByLabel("Nom du territoire").FillAsync(TerritoryName);
        await page.GetByLabel("Description").FillAsync(
            "Associations, entreprises et communes du piémont des Vosges réunies autour de l'insertion des jeunes.");
        // One input event, hence one htmx search: results replaced by a later answer would take the focus away.
        await page.GetByLabel("Ajouter une commune, un EPCI, un département ou une région").FillAsync("Pays de Barr");
        var result = page.GetByRole(AriaRole.Button, new() { Name = Epci });
        await Expect(result).ToBeVisibleAsync();
        await Expect(result).ToContainTextAsync("Ajouter");
        await journey.CheckAsync("recherche-du-perimetre");

        await result.FocusAsync();
        await Expect(result).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = $"Retirer {Epci}" })).ToBeAttachedAsync();
        await Expect(page.GetByRole(AriaRole.List, new() { Name = "Zones du périmètre" })).ToContainTextAsync(Epci);
        await Expect(page.Locator("#perimeter-summary")).ToContainTextAsync("20 communes couvertes");
        await journey.CheckAsync("perimetre-choisi");

        await page.GetByRole(AriaRole.Button, new() { Name = "Créer le territoire", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = TerritoryName, Level = 1 })).ToBeVisibleAsync();
        var perimeter = page.GetByRole(AriaRole.Region, new() { Name = "Périmètre" });
        await Expect(perimeter).ToContainTextAsync(Epci);
        await Expect(perimeter).ToContainTextAsync("20 communes couvertes");
        await Expect(perimeter.GetByText("Voir ses 20 communes")).ToBeVisibleAsync();
        var territoryUrl = page.Url;
        await journey.CheckAsync("tableau-de-bord");

        // The administrator creates the colleague's account, then makes them a Pilote of the new territory.
        await MainNavigation(page).GetByRole(AriaRole.Link, new() { Name = "Comptes" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Comptes de l'installation", Level = 1 })).ToBeVisibleAsync();
        await page.GetByText("Créer un compte", new() { Exact = true }).ClickAsync();
        await page.GetByLabel("Adresse électronique").FillAsync(colleague.Email);
        await page.GetByLabel("Nom affiché").FillAsync(colleague.DisplayName);
        await page.GetByLabel("Mot de passe initial").FillAsync(colleague.Password);
        await Expect(page.GetByLabel("Administrateur de l'installation")).Not.ToBeCheckedAsync();
        await journey.CheckAsync("creation-de-compte");
        await page.GetByRole(AriaRole.Button, new() { Name = "Créer le compte", Exact = true }).ClickAsync();
        var accountRow = page.GetByRole(AriaRole.Row).Filter(new() { HasText = colleague.Email });
        await Expect(accountRow).ToContainTextAsync(colleague.DisplayName);
        await Expect(accountRow.GetByRole(AriaRole.Cell).Nth(1)).ToHaveTextAsync("Non");
        await journey.CheckAsync("compte-cree");

        await journey.GoToAsync(territoryUrl);
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Navigation du territoire" })
            .GetByRole(AriaRole.Link, new() { Name = "Membres" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Membres", Level = 1 })).ToBeVisibleAsync();
        await page.GetByLabel("Adresse électronique").FillAsync(colleague.Email);
        await page.GetByLabel("Rôle", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Value = "Pilote" });
        await journey.CheckAsync("ajout-d-un-membre");
        await page.GetByRole(AriaRole.Button, new() { Name = "Ajouter au territoire" }).ClickAsync();
        await Expect(page.GetByLabel($"Rôle de {colleague.Email}", new() { Exact = true })).ToHaveValueAsync("Pilote");
        await journey.CheckAsync("membre-ajoute");

        // The colleague signs in on the same browser: only their territory exists for them.
        await journey.SignOutAsync();
        await journey.SignInAsync(colleague);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = $"Bonjour {colleague.DisplayName}", Level = 1 })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = TerritoryName })).ToBeVisibleAsync();
        await Expect(page.GetByText(DemoTerritory.Name)).ToHaveCountAsync(0);
        await Expect(MainNavigation(page).GetByRole(AriaRole.Link, new() { Name = "Comptes" })).ToHaveCountAsync(0);
        await journey.CheckAsync("accueil-du-collegue");

        await MainNavigation(page).GetByRole(AriaRole.Link, new() { Name = "Territoires" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Territoires", Level = 1 })).ToBeVisibleAsync();
        await Expect(page.GetByText("1 territoire", new() { Exact = true })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = TerritoryName })).ToBeVisibleAsync();
        await Expect(page.GetByText(DemoTerritory.Name)).ToHaveCountAsync(0);
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Créer un territoire" })).ToHaveCountAsync(0);
        await journey.CheckAsync("territoires-du-collegue");

        await page.GetByRole(AriaRole.Link, new() { Name = TerritoryName }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Region, new() { Name = "Votre rôle" })).ToContainTextAsync("Pilote");
        await journey.CheckAsync("tableau-de-bord-du-collegue");

        var response = await journey.GoToAsync(demoTerritoryUrl);
        response!.Status.ShouldBe(404);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Page introuvable" })).ToBeVisibleAsync();
        await Expect(page.GetByText("Cette page n'existe pas, ou elle appartient à un territoire dont vous n'êtes pas membre.")).ToBeVisibleAsync();
        await Expect(page.GetByText(DemoTerritory.Name)).ToHaveCountAsync(0);
        await journey.CheckAsync("territoire-de-demonstration-introuvable");
    }

    private static ILocator MainNavigation(IPage page) =>
        page.GetByRole(AriaRole.Navigation, new() { Name = "Navigation principale" });

    private static Regex EndsWith(string path) => new(Regex.Escape(path) + "$");
}
