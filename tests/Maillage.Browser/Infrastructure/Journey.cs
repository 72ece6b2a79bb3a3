using System.Diagnostics;
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
    private readonly Stopwatch _started = Stopwatch.StartNew();
    private readonly string _screenshots;
    private readonly IBrowserContext _context;
    private int _step;

    private Journey(IBrowserContext context, IPage page, string screenshots)
    {
        _context = context;
        Page = page;
        _screenshots = screenshots;
    }

    /// <summary>The first tab, where the journey starts.</summary>
    public IPage Page { get; }

    public static async Task<Journey> StartAsync(BrowserApp app, Chromium chromium, [CallerMemberName] string name = "")
    {
        var screenshots = Path.Combine(Artifacts.Screenshots, name);
        if (Directory.Exists(screenshots))
        {
            Directory.Delete(screenshots, recursive: true);
        }

        Directory.CreateDirectory(screenshots);
        var context = await NewContextAsync(app, chromium);
        var journey = new Journey(context, await context.NewPageAsync(), screenshots);
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

    public Task<IResponse?> GoToAsync(string path) => Page.GotoAsync(path);

    /// <summary>Screenshot, accessibility scan and script errors of the page as it is now.</summary>
    public async Task CheckAsync(string step, IPage? page = null)
    {
        page ??= Page;
        await page.WaitForLoadStateAsync(LoadState.Load);
        _step++;
        var file = Path.Combine(_screenshots, $"{_step:00}-{step}.png");
        var clock = Stopwatch.StartNew();
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = file, FullPage = true });
        var shot = clock.ElapsedMilliseconds;

        if (_scriptErrors.Count > 0)
        {
            Assert.Fail($"Erreurs de script avant l'étape « {step} » ({page.Url}) :\n" + string.Join("\n", _scriptErrors));
        }

        // Legacy mode runs axe inside the page in one call. The default mode finishes every scan in a fresh blank
        // page, which only matters for cross-origin iframes (Maillage has none) and cost 2 to 4 s per step here
        // instead of 0.5 to 1 s: the whole browser project must stay within two minutes on two shared cores.
#pragma warning disable CS0618
        var axe = await page.RunAxeLegacy();
#pragma warning restore CS0618
        TestContext.Current.TestOutputHelper?.WriteLine(
            $"{step} : {page.Url} → {file} (capture {shot} ms, axe {clock.ElapsedMilliseconds - shot} ms, depuis le début {_started.Elapsed.TotalSeconds:0.0} s)");
        var blocking = axe.Violations.Where(v => v.Impact is "serious" or "critical").ToList();
        foreach (var minor in axe.Violations.Except(blocking))
        {
            TestContext.Current.TestOutputHelper?.WriteLine($"  axe ({minor.Impact}) {minor.Id} : {minor.Help}");
        }

        if (blocking.Count > 0)
        {
            var message = new StringBuilder(
                $"Accessibilité : {blocking.Count} violation(s) sérieuse(s) ou critique(s) à l'étape « {step} » ({page.Url}, capture {file}) :");
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
