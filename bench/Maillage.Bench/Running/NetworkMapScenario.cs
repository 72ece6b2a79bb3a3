using System.Diagnostics;
using Maillage.Network;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Maillage.Bench.Running;

/// <summary>
/// The network map in a real Chromium (Debian's, driven by Playwright, WebGL drawn in software as in the browser
/// tests), signed in as the bench's pilote. « Interactive » means: from the navigation to the network page until
/// sigma has painted the graph (<c>data-ready</c>, set by <c>network-map.js</c> after a painted frame), plus the time the
/// page takes to answer a search for one of the least linked actors — outside the overview at 100,000 actors — by
/// drawing its neighbourhood (<c>performance.measure("network-search")</c>). The same, driven end to end by Playwright
/// (typing and clicking included), is a row of its own. Beside them, the graph handler alone, as the server timed it.
/// </summary>
public sealed class NetworkMapScenario : IBenchScenario
{
    public const string ChromiumVariable = "MAILLAGE_CHROMIUM";
    private const float TimeoutMilliseconds = 120_000;

    public string Name => "carte du réseau";

    public async Task<IReadOnlyList<Measure>> RunAsync(BenchTarget target, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        var executable = Environment.GetEnvironmentVariable(ChromiumVariable) is { Length: > 0 } set ? set : "/usr/bin/chromium";
        if (!File.Exists(executable))
        {
            throw new InvalidOperationException($"Chromium introuvable ({executable}) : installez le paquet chromium ou définissez {ChromiumVariable}.");
        }

        var (actorId, name, actors) = await LeastLinkedAsync(target, cancellationToken);
        Environment.SetEnvironmentVariable("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = executable,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--enable-unsafe-swiftshader", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
        await using var context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = target.App.BaseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
            Locale = "fr-FR",
        });
        context.SetDefaultTimeout(TimeoutMilliseconds);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/connexion");
        await page.GetByLabel("Adresse électronique").FillAsync(BenchTarget.UserEmail);
        await page.GetByLabel("Mot de passe").FillAsync(BenchTarget.UserPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Se connecter" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Se déconnecter" }).WaitForAsync();

        var path = $"/territoires/{target.TerritoryId}/reseau";
        var drawn = new List<double>();
        var interactive = new List<double>();
        var driven = new List<double>();
        var handler = new List<double>();
        var runs = Math.Clamp(target.Settings.NetworkRuns, 1, 5);
        for (var run = -1; run < runs; run++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var watch = Stopwatch.StartNew();
            await page.GotoAsync(path, new PageGotoOptions { WaitUntil = WaitUntilState.Commit });
            await page.Locator("#network-map[data-ready='true']").WaitForAsync();
            var drawnMs = watch.Elapsed.TotalMilliseconds;
            await page.GetByLabel("Centrer sur un acteur").FillAsync(name);
            await page.GetByRole(AriaRole.Button, new() { Name = "Chercher" }).ClickAsync();
            await page.Locator($"#network-map[data-focus='{actorId}']").WaitForAsync();
            var searchedMs = watch.Elapsed.TotalMilliseconds;

            // The page's own answer to the search (submit to neighbourhood drawn), without the time the driver
            // spends typing and checking that the button can be clicked.
            var answerMs = await page.EvaluateAsync<double>("() => performance.getEntriesByName('network-search').at(-1).duration");

            // The reading in sentences follows the map; waited for so that it does not weigh on the next run.
            await page.Locator("#ponts").WaitForAsync();
            var timed = await Http.GetOkAsync(target.Client, path + "?handler=Graph", cancellationToken);
            if (run >= 0)
            {
                drawn.Add(drawnMs);
                interactive.Add(drawnMs + answerMs);
                driven.Add(searchedMs);
                handler.Add(timed.ServerMs);
            }
        }

        var overview = actors > MapModel.OverviewLimit
            ? $"vue d'ensemble : {MapModel.OverviewLimit:N0} acteurs les plus reliés dessinés sur {actors:N0}"
            : $"{actors:N0} acteurs tous dessinés";
        var note = $"Chromium {browser.Version}, WebGL logiciel (SwiftShader) ; {overview} ; recherche de « {name} » puis son voisinage ; {runs} mesures";
        return
        [
            target.Measure(Name, "carte interactive (dessinée + réponse à une recherche) — p50", Stats.Percentile(interactive, 50), "ms",
                "graphe de la carte (handler Graph), p50", Stats.Percentile(handler, 50), note),
            target.Measure(Name, "carte interactive (dessinée + réponse à une recherche) — p95", Stats.Percentile(interactive, 95), "ms",
                "graphe de la carte (handler Graph), p95", Stats.Percentile(handler, 95)),
            target.Measure(Name, "carte dessinée (data-ready) — p50", Stats.Percentile(drawn, 50), "ms",
                "graphe de la carte (handler Graph), p50", Stats.Percentile(handler, 50)),
            target.Measure(Name, "dessinée puis recherche saisie et cliquée par Playwright jusqu'au voisinage — p50", Stats.Percentile(driven, 50), "ms",
                "graphe de la carte (handler Graph), p50", Stats.Percentile(handler, 50)),
        ];
    }

    /// <summary>One of the least linked actors (still linked, so that it has a neighbourhood) with a name no other actor has.</summary>
    private static async Task<(Guid ActorId, string Name, int Actors)> LeastLinkedAsync(BenchTarget target, CancellationToken cancellationToken)
    {
        await using var scope = target.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<Data.AppDbContext>();
        var graph = await NetworkGraph.LoadAsync(db, target.TerritoryId, cancellationToken);
        var names = graph.Nodes.CountBy(n => Fold(n.Name)).ToDictionary(x => x.Key, x => x.Value, StringComparer.Ordinal);
        var chosen = Enumerable.Range(0, graph.NodeCount)
            .Where(v => graph.Degree(v) > 0 && names[Fold(graph.Nodes[v].Name)] == 1)
            .OrderBy(graph.Degree).ThenByDescending(v => v)
            .Select(v => graph.Nodes[v])
            .FirstOrDefault() ?? throw new InvalidOperationException("Le réseau généré n'a aucun acteur relié au nom unique : la mesure ne mesure rien.");
        return (chosen.ActorId, chosen.Name, graph.NodeCount);
    }

    /// <summary>As the map's search compares names: without accents, in lower case.</summary>
    private static string Fold(string name) =>
        new string([.. name.Normalize(System.Text.NormalizationForm.FormD)
            .Where(c => System.Globalization.CharUnicodeInfo.GetUnicodeCategory(c) != System.Globalization.UnicodeCategory.NonSpacingMark)])
            .ToLowerInvariant().Trim();
}
