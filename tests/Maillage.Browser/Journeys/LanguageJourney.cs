using Maillage.Browser.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Maillage.Browser.Journeys;

[Collection(ReadyInstallation.Name)]
public sealed class LanguageJourney(InstalledBrowserApp app, Chromium chromium)
{
    [Fact]
    public async Task Language_switch_shows_English_and_back()
    {
        var admin = await app.CreateAccountAsync("Louise Langue", administrator: true);
        await using var journey = await Journey.StartAsync(app, chromium);
        var page = journey.Page;
        await journey.SignInAndWaitAsync(admin);
        var navigation = page.GetByRole(AriaRole.Navigation, new() { Name = "Navigation principale" });
        await Expect(navigation.GetByRole(AriaRole.Link, new() { Name = "Territoires" })).ToBeVisibleAsync();
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "fr");

        await page.GetByRole(AriaRole.Button, new() { Name = "English" }).ClickAsync();
        var english = page.GetByRole(AriaRole.Navigation, new() { Name = "Main navigation" });
        await Expect(english.GetByRole(AriaRole.Link, new() { Name = "Territories" })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Sign out" })).ToBeVisibleAsync();
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "en");
        await journey.CheckAsync("en-anglais");

        // The choice is kept in a cookie: another page stays in English.
        await journey.GoToAsync("/territoires");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Territories", Level = 1 })).ToBeVisibleAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "Français" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Territoires", Level = 1 })).ToBeVisibleAsync();
        await Expect(navigation.GetByRole(AriaRole.Link, new() { Name = "Territoires" })).ToBeVisibleAsync();
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "fr");
        page.Url.ShouldEndWith("/territoires");
        await journey.CheckAsync("retour-en-francais");
    }
}
