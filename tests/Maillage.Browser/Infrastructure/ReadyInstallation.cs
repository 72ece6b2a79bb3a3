namespace Maillage.Browser.Infrastructure;

/// <summary>
/// The journeys that start from an installed Maillage share one app (started once); each creates its own
/// people and territories, so their order does not matter.
/// </summary>
[CollectionDefinition(Name)]
public sealed class ReadyInstallation : ICollectionFixture<InstalledBrowserApp>
{
    public const string Name = "Installation prête";
}

/// <summary>
/// An app past its first start: an installation administrator exists, so no page leads to the setup page,
/// whichever journey of the collection runs first.
/// </summary>
public sealed class InstalledBrowserApp : BrowserApp
{
    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        await CreateAccountAsync("Administration Installation", administrator: true);
    }
}
