using System.Text.RegularExpressions;
using Maillage.Browser.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Maillage.Browser.Journeys;

[Collection(ReadyInstallation.Name)]
public sealed class TwoFactorJourney(InstalledBrowserApp app, Chromium chromium)
{
    [Fact]
    public async Task Two_factor_authentication_can_be_enabled_and_is_required_at_next_login()
    {
        var person = await app.CreateAccountAsync("Dominique Durand", administrator: false);
        await using var journey = await Journey.StartAsync(app, chromium);
        var page = journey.Page;
        await journey.SignInAndWaitAsync(person);

        await page.GetByRole(AriaRole.Link, new() { Name = person.Email }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Mon compte", Level = 1 })).ToBeVisibleAsync();
        await journey.CheckAsync("mon-compte");
        await page.GetByRole(AriaRole.Link, new() { Name = "Activer la double authentification" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Double authentification", Level = 1 })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Img, new() { Name = "QR code à scanner avec votre application d'authentification" })).ToBeVisibleAsync();
        await journey.CheckAsync("activation");

        // What a person would type into an authenticator app: the key shown under "Clé à saisir à la main".
        var key = await page.Locator("code").First.InnerTextAsync();
        key.ShouldMatch("^[a-zA-Z2-7 ]{16,}$");
        await page.GetByLabel("Code de vérification").FillAsync(Totp.Code(key, DateTimeOffset.UtcNow));
        await page.GetByRole(AriaRole.Button, new() { Name = "Vérifier et activer" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Vos codes de secours" })).ToBeVisibleAsync();
        await Expect(page.GetByText("Activée", new() { Exact = true })).ToBeVisibleAsync();
        await journey.CheckAsync("activee-codes-de-secours");

        await journey.SignOutAsync();
        await journey.SignInAsync(person);
        await Expect(page).ToHaveURLAsync(new Regex("/connexion/second-facteur"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Double authentification", Level = 1 })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Se déconnecter" })).ToHaveCountAsync(0);
        await journey.CheckAsync("second-facteur-demande");

        // A code of no nearby time step is refused; the password alone never lets the person in.
        await page.GetByLabel("Code de vérification").FillAsync(WrongCode(key));
        await page.GetByRole(AriaRole.Button, new() { Name = "Vérifier", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Alert)).ToBeVisibleAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/connexion/second-facteur"));
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Se déconnecter" })).ToHaveCountAsync(0);
        await journey.CheckAsync("code-refuse");

        await page.GetByLabel("Code de vérification").FillAsync(Totp.Code(key, DateTimeOffset.UtcNow));
        await page.GetByRole(AriaRole.Button, new() { Name = "Vérifier", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Se déconnecter" })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = $"Bonjour {person.DisplayName}", Level = 1 })).ToBeVisibleAsync();
        await journey.CheckAsync("connecte-avec-le-code");
    }

    /// <summary>A six-digit code that matches none of the steps a server tolerates around now (±2 minutes).</summary>
    private static string WrongCode(string key)
    {
        var now = DateTimeOffset.UtcNow;
        var tolerated = Enumerable.Range(-4, 9).Select(step => Totp.Code(key, now.AddSeconds(30 * step))).ToHashSet();
        return Enumerable.Range(0, 20).Select(i => $"{i}{i}{i}{i}{i}{i}"[..6]).First(code => !tolerated.Contains(code));
    }
}
