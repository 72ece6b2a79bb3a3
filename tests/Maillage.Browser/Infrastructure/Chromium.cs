using Microsoft.Playwright;

[assembly: AssemblyFixture(typeof(Maillage.Browser.Infrastructure.Chromium))]

namespace Maillage.Browser.Infrastructure;

/// <summary>
/// One headless Chromium for the whole test assembly: Debian's package, never a downloaded one
/// (Playwright's own download fails on this machine kind; see docs/decisions/0002-test-command.md).
/// </summary>
public sealed class Chromium : IAsyncLifetime
{
    public const string Variable = "MAILLAGE_CHROMIUM";

    /// <summary>Every wait of a journey (navigation, locator, expectation) gives up after this long.</summary>
    public const float TimeoutMilliseconds = 15_000;

    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public IBrowser Browser => _browser ?? throw new InvalidOperationException("Chromium n'est pas démarré.");

    public async ValueTask InitializeAsync()
    {
        var executable = Environment.GetEnvironmentVariable(Variable);
        if (string.IsNullOrWhiteSpace(executable))
        {
            throw new InvalidOperationException(
                $"La variable {Variable} n'est pas définie : les tests de navigateur ont besoin du Chromium de Debian. " +
                "Lancez-les avec scripts/test (qui installe chromium et exporte la variable), " +
                $"ou définissez {Variable}=/usr/bin/chromium.");
        }

        if (!File.Exists(executable))
        {
            throw new InvalidOperationException(
                $"{Variable}={executable} : ce fichier n'existe pas. Lancez scripts/test, qui installe chromium avec apt.");
        }

        // The driver must never try to fetch a browser of its own: there is no such download here.
        Environment.SetEnvironmentVariable("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
        Assertions.SetDefaultExpectTimeout(TimeoutMilliseconds);

        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = executable,
            Headless = true,
            Args =
            [
                "--no-sandbox",
                "--disable-gpu",

                // WebGL (the network map) drawn in software: without a GPU, Chromium needs this to offer it.
                "--enable-unsafe-swiftshader",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        });
    }

    public async ValueTask DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.CloseAsync();
        }

        _playwright?.Dispose();
    }
}
