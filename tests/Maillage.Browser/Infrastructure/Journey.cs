using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace Maillage.Browser.Infrastructure;

/// <summary>
/// One person's visit in its own browser context (cookies of its own). Every <see cref="CheckAsync"/> is a step:
/// a full-page screenshot kept as a CI artifact, an axe scan that fails on serious or critical violations,
/// and no script error or Content-Security-Policy refusal so far.
/// </summary>
public sealed class Journey : IAsyncDisposable
{
    private readonly List<string> _scriptErrors = [];
    private readonly string _screenshots;
    private IBrowserContext _context;
    private int _step;

    private Journey(IBrowserContext context, IPage page, string screenshots, BrowserApp app, Chromium chromium)
    {
        _context = context;
        Page = page;
        _screenshots = screenshots;
        App = app;
        Chromium = chromium;
    }

    public IPage Page { get; private set; }
    public BrowserApp App { get; }
    private Chromium Chromium { get; }

    public static async Task<Journey> StartAsync(BrowserApp app, Chromium chromium, [CallerMemberName] string name = "")
    {
        var screenshots = Path.Combine(Artifacts.Screenshots, name);
        if (Directory.Exists(screenshots))
        {
            Directory.Delete(screenshots, recursive: true);
        }

        Directory.CreateDirectory(screenshots);
        var context = await NewContextAsync(app, chromium);
        var journey = new Journey(context, await context.NewPageAsync(), screenshots, app, chromium);
        journey.Watch(journey.Page);
        return journey;
    }

    /// <summary>Another tab of the same person (same cookies), watched like the first.</summary>
    public async Task<IPage> OpenTabAsync()
    {
        var page = await _context.NewPageAsync();
        Watch(page);
        return page;
    }

    /// <summary>Closes the browser as a person would: cookies gone, the next page starts signed out.</summary>
    public async Task RestartBrowserAsync()
    {
        await _context.CloseAsync();
        _context = await NewContextAsync(App, Chromium);
        Page = await _context.NewPageAsync();
        Watch(Page);
    }

    public Task<IResponse?> GoToAsync(string path) => Page.GotoAsync(path);

    /// <summary>Screenshot, accessibility scan and script errors of the page as it is now.</summary>
    public async Task CheckAsync(string step, IPage? page = null)
    {
        page ??= Page;
        await page.WaitForLoadStateAsync(LoadState.Load);
        _step++;
        var file = Path.Combine(_screenshots, $"{_step:00}-{step}.png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = file, FullPage = true });
        TestContext.Current.TestOutputHelper?.WriteLine($"{step} : {page.Url} → {file}");

        if (_scriptErrors.Count > 0)
        {
            Assert.Fail($"Erreurs de script avant l'étape « {step} » ({page.Url}) :\n" + string.Join("\n", _scriptErrors));
        }

        var axe = await page.RunAxe();
        var blocking = axe.Violations.Where(v => v.Impact is "serious" or "critical").ToList();
        foreach (var minor in axe.Violations.Except(blocking))
        {
            TestContext.Current.TestOutputHelper?.WriteLine($"  axe ({minor.Impact}) {minor.Id} : {minor.Help}");
        }

        if (blocking.Count > 0)
        {
            var message = new StringBuilder(
                $"Accessibilité : {blocking.Count} violation(s) graves à l'étape « {step} » ({page.Url}, capture {file}) :");
            foreach (var violation in blocking)
            {
                var targets = violation.Nodes.Take(3).Select(n => n.Target?.ToString());
                message.Append(CultureInfo.InvariantCulture,
                    $"\n- {violation.Id} [{violation.Impact}] {violation.Help} — {string.Join(" ; ", targets)} ({violation.Nodes.Length} élément(s))");
            }

            Assert.Fail(message.ToString());
        }
    }

    public async ValueTask DisposeAsync() => await _context.CloseAsync();

    private static async Task<IBrowserContext> NewContextAsync(BrowserApp app, Chromium chromium)
    {
        var context = await chromium.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = app.BaseAddress.ToString(),
            Locale = "fr-FR",
            TimezoneId = "Europe/Paris",
            ViewportSize = new ViewportSize { Width = 1280, Height = 800 },
        });
        context.SetDefaultTimeout(Chromium.TimeoutMilliseconds);
        context.SetDefaultNavigationTimeout(Chromium.TimeoutMilliseconds);
        return context;
    }

    private void Watch(IPage page)
    {
        page.PageError += (_, error) => _scriptErrors.Add($"exception : {error}");
        page.Console += (_, message) =>
        {
            if (message.Type == "error" && message.Text.Contains("Content Security Policy", StringComparison.Ordinal))
            {
                _scriptErrors.Add($"CSP : {message.Text}");
            }
        };
    }
}
