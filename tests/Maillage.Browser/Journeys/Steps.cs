using Maillage.Browser.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Maillage.Browser.Journeys;

/// <summary>Steps several journeys take, written once with the words a person sees on the pages.</summary>
public static class Steps
{
    /// <summary>Signs in on the login page (already open, or opened here) and lands on the page asked for.</summary>
    public static async Task SignInAsync(this Journey journey, Person person)
    {
        var page = journey.Page;
        if (!page.Url.Contains("/connexion", StringComparison.Ordinal))
        {
            await journey.GoToAsync("/connexion");
        }

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Connexion" })).ToBeVisibleAsync();
        await journey.CheckAsync("connexion");
        await page.GetByLabel("Adresse électronique").FillAsync(person.Email);
        await page.GetByLabel("Mot de passe").FillAsync(person.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Se connecter" }).ClickAsync();
    }

    /// <summary>Signs in and waits until the app shows the person signed in.</summary>
    public static async Task SignInAndWaitAsync(this Journey journey, Person person)
    {
        await journey.SignInAsync(person);
        await Expect(journey.Page.GetByRole(AriaRole.Button, new() { Name = "Se déconnecter" })).ToBeVisibleAsync();
    }

    public static async Task SignOutAsync(this Journey journey)
    {
        await journey.Page.GetByRole(AriaRole.Button, new() { Name = "Se déconnecter" }).ClickAsync();
        await Expect(journey.Page.GetByRole(AriaRole.Button, new() { Name = "Se déconnecter" })).ToHaveCountAsync(0);
    }
}
