namespace Maillage.Browser.Infrastructure;

/// <summary>
/// The journeys that start from an installed Maillage share one app (started once); each creates its own
/// people and territories, so their order does not matter.
/// </summary>
[CollectionDefinition(Name)]
public sealed class ReadyInstallation : ICollectionFixture<BrowserApp>
{
    public const string Name = "Installation prête";
}
