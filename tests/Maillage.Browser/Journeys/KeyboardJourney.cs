using Maillage.Browser.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Maillage.Browser.Journeys;

[Collection(ReadyInstallation.Name)]
public sealed class KeyboardJourney(InstalledBrowserApp app, Chromium chromium)
{
    [Fact]
    public async Task Keyboard_user_reaches_the_content_with_the_skip_link()
    {
        var admin = await app.CreateAccountAsync("Camille Clavier", administrator: true);
        await using var journey = await Journey.StartAsync(app, chromium);
        var page = journey.Page;
        await journey.SignInAndWaitAsync(admin);

        // A page freshly loaded: the first Tab lands on the skip link, which shows on screen.
        await journey.GoToAsync("/territoires");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Territoires", Level = 1 })).ToBeVisibleAsync();
        await journey.CheckAsync("territoires");
        await page.Keyboard.PressAsync("Tab");
        var skip = page.GetByRole(AriaRole.Link, new() { Name = "Aller au contenu" });
        await Expect(skip).ToBeFocusedAsync();
        await Expect(skip).ToBeInViewportAsync();
        (await skip.BoundingBoxAsync())!.Y.ShouldBeGreaterThanOrEqualTo(0);
        await journey.CheckAsync("lien-d-evitement-visible");

        await page.Keyboard.PressAsync("Enter");
        await Expect(page.Locator("main#contenu")).ToBeFocusedAsync();
        page.Url.ShouldEndWith("#contenu");

        // The next Tab goes on inside the content, past the header's links: to the page's first action.
        await page.Keyboard.PressAsync("Tab");
        await Expect(page.GetByRole(AriaRole.Main).GetByRole(AriaRole.Link, new() { Name = "Créer un territoire" })).ToBeFocusedAsync();
    }
}
