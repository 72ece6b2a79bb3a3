using Maillage.Actors;
using Maillage.Browser.Infrastructure;
using Maillage.Data;
using Maillage.Territories;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Maillage.Browser.Journeys;

[Collection(ReadyInstallation.Name)]
public sealed class CibleJourney(InstalledBrowserApp app, Chromium chromium)
{
    private const string Mission = "Mission locale des Bords de Marne";
    private const string Club = "Club des entreprises de Saint-Maurice";
    private const string Region = "Région Île-de-France";
    private static readonly byte[] PngSignature = [0x89, 0x50, 0x4E, 0x47];

    [Fact]
    public async Task A_pilote_places_actors_today_and_ideally_by_mouse_and_by_keyboard_reads_the_gap_and_exports_the_svg()
    {
        var pilote = await app.CreateAccountAsync("Pierre Pilote", administrator: false);
        var suffix = Guid.NewGuid().ToString("N")[..6];
        var territoryId = await app.CreateTerritoryAsync($"Charenton cible {suffix}", "La cible de la Maison de l'emploi.", "94018", "94069");
        await app.AddMemberAsync(territoryId, pilote, TerritoryRole.Pilote);
        await AddActorsAsync(territoryId, (Mission, ActorFamily.EmploiFormation), (Club, ActorFamily.Entreprises), (Region, ActorFamily.PouvoirsPublics));
        await using var journey = await Journey.StartAsync(app, chromium);
        var page = journey.Page;
        await journey.SignInAndWaitAsync(pilote);

        // From the territory's navigation, a new cible with its default rings.
        await journey.GoToAsync($"/territoires/{territoryId}");
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Navigation du territoire" }).GetByRole(AriaRole.Link, new() { Name = "Cible", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Cibles", Level = 1 })).ToBeVisibleAsync();
        await page.GetByLabel("Nom de la cible").FillAsync("Cible de la Maison de l'emploi");
        await page.GetByLabel("Au centre (l'organisation porteuse)").FillAsync("Maison de l'emploi");
        await journey.CheckAsync("nouvelle-cible");
        await page.GetByRole(AriaRole.Button, new() { Name = "Créer la cible" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Cible « Cible de la Maison de l'emploi »", Level = 1 })).ToBeVisibleAsync();

        // Step 1: the actors, found in the directory, arrive hors cible.
        foreach (var (search, name) in new[] { ("mission", Mission), ("club", Club), ("région", Region) })
        {
            await page.GetByLabel("Nom, sigle ou SIREN").FillAsync(search);
            var add = page.GetByRole(AriaRole.Button, new() { Name = $"Ajouter {name} à la cible" });
            await Expect(add).ToBeVisibleAsync();
            await add.ClickAsync();
            await Expect(page.GetByText($"« {name} » est ajouté à la cible")).ToBeVisibleAsync();
        }

        var placements = page.Locator("#placements");
        await Expect(placements.Locator("tbody tr")).ToHaveCountAsync(3);
        await journey.CheckAsync("etape-1-hors-cible");

        // Steps 2 and 3 by keyboard, with the form: the mission locale stands in ring 2, should be in ring 1.
        var today = page.GetByLabel($"Aujourd'hui : {Mission}");
        await today.FocusAsync();
        await today.SelectOptionAsync("2");
        await page.GetByLabel($"Idéal : {Mission}").SelectOptionAsync("1");
        await page.GetByLabel($"Aujourd'hui : {Region}").SelectOptionAsync("1");
        await page.GetByLabel($"Idéal : {Region}").SelectOptionAsync("3");
        await page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer les placements" }).FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.GetByText("2 placements enregistrés.")).ToBeVisibleAsync();
        await Expect(page.GetByLabel($"Aujourd'hui : {Mission}")).ToHaveValueAsync("2");

        // Step 2 by mouse: the club, hors cible, is dragged into ring 3 of today's picture.
        await DragAsync(page, Club, 560, 300);
        await Expect(page.GetByText($"« {Club} » : aujourd'hui → 3.")).ToBeVisibleAsync();
        await Expect(page.GetByLabel($"Aujourd'hui : {Club}")).ToHaveValueAsync("3");
        await journey.CheckAsync("aujourdhui-apres-glisser");

        // Step 3 by mouse: on the ideal picture, the club is dragged to ring 1.
        await page.GetByRole(AriaRole.Link, new() { Name = "Situation idéale", Exact = true }).ClickAsync();
        await Expect(page.Locator("#cible-export svg[data-view='ideal']")).ToBeVisibleAsync();
        await DragAsync(page, Club, 560, 500);
        await Expect(page.GetByText($"« {Club} » : idéal → 1.")).ToBeVisibleAsync();
        await Expect(page.GetByLabel($"Idéal : {Club}")).ToHaveValueAsync("1");
        await journey.CheckAsync("ideal-apres-glisser");

        // Step 4: the gap, largest first, with the two pictures side by side and the overlay.
        await page.GetByRole(AriaRole.Link, new() { Name = "Écart", Exact = true }).ClickAsync();
        var gaps = page.Locator("#ecarts tbody tr");
        await Expect(gaps).ToHaveCountAsync(3);
        // Equal gaps: the ring to gain comes before the ring to lose (bring a partner closer before letting one go).
        await Expect(gaps.Nth(0)).ToContainTextAsync(Club);
        await Expect(gaps.Nth(0)).ToContainTextAsync("2 anneaux à gagner");
        await Expect(gaps.Nth(1)).ToContainTextAsync(Region);
        await Expect(gaps.Nth(1)).ToContainTextAsync("2 anneaux à perdre");
        await Expect(gaps.Nth(2)).ToContainTextAsync("1 anneau à gagner");
        await Expect(page.Locator("svg[data-view='ecart'] .cible-arrows line")).ToHaveCountAsync(3);
        await journey.CheckAsync("ecart");

        // Export: the SVG file is the picture shown.
        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "Télécharger en SVG" }).ClickAsync());
        download.SuggestedFilename.ShouldBe("cible-cible-de-la-maison-de-l-emploi-ecart.svg");
        var svg = await File.ReadAllTextAsync(await download.PathAsync(), TestContext.Current.CancellationToken);
        svg.ShouldStartWith("<?xml");
        svg.ShouldContain(Club);
        var png = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Button, new() { Name = "Télécharger en PNG" }).ClickAsync());
        png.SuggestedFilename.ShouldEndWith(".png");
        var bytes = await File.ReadAllBytesAsync(await png.PathAsync(), TestContext.Current.CancellationToken);
        bytes.Take(4).ShouldBe(PngSignature);

        // A snapshot, and the print view.
        await page.GetByLabel("Note (facultative)").FillAsync("Avant le premier tour de table");
        await page.GetByRole(AriaRole.Button, new() { Name = "Figer la cible aujourd'hui" }).ClickAsync();
        await page.Locator("#instantanes").GetByRole(AriaRole.Link).First.ClickAsync();
        await Expect(page.GetByText("Rien n'a bougé depuis cet instantané.")).ToBeVisibleAsync();
        await journey.CheckAsync("instantane");
        await page.GetByRole(AriaRole.Link, new() { Name = "Retour à la cible" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Version imprimable" }).ClickAsync();
        await Expect(page.Locator("svg.cible-svg")).ToHaveCountAsync(3);
        await journey.CheckAsync("impression");
    }

    /// <summary>Drags an actor's dot to a point given in the picture's coordinates (centre 500, 500).</summary>
    private static async Task DragAsync(IPage page, string name, double x, double y)
    {
        var node = page.Locator("#cible-export g.cible-node").Filter(new() { Has = page.Locator("title", new() { HasTextString = name }) }).Locator("circle");
        // The mouse works in the viewport: the picture is brought into view first (the page may be scrolled to the table).
        await page.Locator("#cible-export svg").ScrollIntoViewIfNeededAsync();
        var box = await node.BoundingBoxAsync() ?? throw new InvalidOperationException("Point introuvable : " + name);
        var target = await page.EvaluateAsync<double[]>(
            "([x, y]) => { const svg = document.querySelector('#cible-export svg'); const p = svg.createSVGPoint(); p.x = x; p.y = y; const s = p.matrixTransform(svg.getScreenCTM()); return [s.x, s.y]; }",
            new[] { x, y });
        await page.Mouse.MoveAsync(box.X + (box.Width / 2), box.Y + (box.Height / 2));
        await page.Mouse.DownAsync();
        await page.Mouse.MoveAsync((float)target[0], (float)target[1], new() { Steps = 8 });
        await page.Mouse.UpAsync();
    }

    private async Task AddActorsAsync(Guid territoryId, params (string Name, ActorFamily Family)[] actors)
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        foreach (var (name, family) in actors)
        {
            db.Actors.Add(new Actor(territoryId, name, null, family));
        }

        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
    }
}
