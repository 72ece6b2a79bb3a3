using System.Diagnostics;
using System.Globalization;
using Maillage.Actors;
using Maillage.Infrastructure;

namespace Maillage.Bench.Running;

/// <summary>
/// One thing the runner measures on a <see cref="BenchTarget"/>, each figure beside its baseline of the same run.
/// A scenario that is not built is not in <see cref="All"/>, so it is not in the table.
/// </summary>
public interface IBenchScenario
{
    string Name { get; }

    Task<IReadOnlyList<Measure>> RunAsync(BenchTarget target, CancellationToken cancellationToken);
}

public static class Scenarios
{
    /// <summary>
    /// In the order they run. The imports come after every page (they add actors to two more territories of the same
    /// database, which the pages must not read); the process scenario is last, so its peak memory covers all the others.
    /// </summary>
    public static IReadOnlyList<IBenchScenario> All { get; } =
    [
        new BulkInsertScenario(),
        new DirectoryScenario(),
        new ActorPageScenario(),
        new CibleScenario(),
        new NetworkScenario(),
        new NetworkMapScenario(),
        new ProjectScenario(),
        new ThroughputScenario(),
        new ImportCsvScenario(),
        new ImportXlsxScenario(),
        new ProcessScenario(),
    ];
}

/// <summary>A GET and the time the server says it took (Server-Timing), and the time the client waited.</summary>
public static class Http
{
    public sealed record Timed(bool Ok, int Status, double ServerMs, double ClientMs);

    public static async Task<Timed> GetAsync(HttpClient client, string path, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        var watch = Stopwatch.StartNew();
        using var response = await client.GetAsync(new Uri(path, UriKind.Relative), HttpCompletionOption.ResponseContentRead, cancellationToken);
        var clientMs = watch.Elapsed.TotalMilliseconds;
        var server = double.NaN;
        if (response.Headers.TryGetValues(ServerTiming.Header, out var values))
        {
            var text = values.First();
            var at = text.IndexOf("dur=", StringComparison.Ordinal);
            if (at >= 0)
            {
                server = double.Parse(text[(at + 4)..].Split(',', ';')[0], CultureInfo.InvariantCulture);
            }
        }

        return new Timed(response.IsSuccessStatusCode, (int)response.StatusCode, server, clientMs);
    }

    public static async Task<Timed> GetOkAsync(HttpClient client, string path, CancellationToken cancellationToken)
    {
        var timed = await GetAsync(client, path, cancellationToken);
        return timed.Ok && !double.IsNaN(timed.ServerMs)
            ? timed
            : throw new InvalidOperationException($"GET {path} : {timed.Status}{(double.IsNaN(timed.ServerMs) ? ", sans en-tête Server-Timing" : "")}");
    }
}

/// <summary>The raw bulk insert that filled the database: the baseline of every import figure.</summary>
public sealed class BulkInsertScenario : IBenchScenario
{
    public string Name => "insertion brute";

    public Task<IReadOnlyList<Measure>> RunAsync(BenchTarget target, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        var load = target.Load;
        var actors = load.Tables.Single(t => t.Label == "acteurs");
        var links = load.Tables.Single(t => t.Label == "liens acteur–compétence");
        var actorRows = actors.Rows + links.Rows;
        var actorSeconds = (actors.Elapsed + links.Elapsed).TotalSeconds;
        var method = target.Provider == BenchProvider.Sqlite ? "inserts préparés, une transaction" : "COPY binaire, une transaction";
        IReadOnlyList<Measure> measures =
        [
            target.Measure(Name, "acteurs + liens de compétences (lignes/s)", actorRows / actorSeconds, "lignes/s",
                "toutes les tables (lignes/s)", load.RowsPerSecond,
                $"{method} ; {actorRows:N0} lignes en {actorSeconds:F1} s, génération comprise ; ensemble {load.Rows:N0} lignes en {load.Elapsed.TotalSeconds:F1} s"),
        ];
        return Task.FromResult(measures);
    }
}

/// <summary>Directory pages over HTTP (server time) beside the same SQL replayed raw on a connection of the bench.</summary>
public sealed class DirectoryScenario : IBenchScenario
{
    public string Name => "annuaire";

    public async Task<IReadOnlyList<Measure>> RunAsync(BenchTarget target, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        var sample = target.Sample;
        var page = $"/territoires/{target.TerritoryId}/acteurs";
        var queries = new (string Label, string Query, DirectoryQuery Directory)[]
        {
            ("première page", "", new DirectoryQuery()),
            ($"préfixe du nom « {sample.NamePrefix} »", "?q=" + sample.NamePrefix, new DirectoryQuery { Q = sample.NamePrefix }),
            ($"contient « {sample.ContainsWord} »", "?q=" + Uri.EscapeDataString(sample.ContainsWord), new DirectoryQuery { Q = sample.ContainsWord }),
            ("famille associations", "?famille=associations", new DirectoryQuery { Family = ActorFamily.Associations }),
            ($"compétence « {sample.Competence} »", "?competence=" + Uri.EscapeDataString(sample.Competence), new DirectoryQuery { Competence = sample.Competence }),
            ($"commune {sample.CommuneName}", "?commune=" + sample.CommuneCode, new DirectoryQuery { Commune = sample.CommuneCode }),
        };
        var measures = new List<Measure>();
        await using var connection = await target.OpenRawConnectionAsync(cancellationToken);
        foreach (var (label, query, directory) in queries)
        {
            // The page asks the directory for pages of IndexModel.PageSize.
            var (commands, expected) = await target.DirectoryCommandsAsync(directory with { PageSize = IndexModel.PageSize }, cancellationToken);

            // The replay must read what the app read: the total among the first values (one more than a capped total:
            // the count stops one past the cap), the page's rows last.
            var counted = expected.TotalIsExact ? expected.Total : expected.Total + 1L;
            var check = await RawReplay.RunAsync(connection, commands, cancellationToken);
            if (check[^1].Rows != expected.Items.Count || !check.Any(c => c.First is long or int && Convert.ToInt64(c.First, CultureInfo.InvariantCulture) == counted))
            {
                throw new InvalidOperationException($"Le SQL rejoué pour « {label} » ne lit pas ce que lit l'application " +
                                                    $"({expected.Total} au total, {expected.Items.Count} lignes ; rejoué : {string.Join(", ", check)}).");
            }

            if (expected.Items.Count == 0)
            {
                throw new InvalidOperationException($"« {label} » ne trouve aucun acteur : la requête ne mesure rien.");
            }

            var server = new List<double>();
            var client = new List<double>();
            var raw = new List<double>();
            for (var run = -3; run < target.Settings.Runs; run++)
            {
                var timed = await Http.GetOkAsync(target.Client, page + query, cancellationToken);
                var watch = Stopwatch.StartNew();
                await RawReplay.RunAsync(connection, commands, cancellationToken);
                var rawMs = watch.Elapsed.TotalMilliseconds;
                if (run >= 0)
                {
                    server.Add(timed.ServerMs);
                    client.Add(timed.ClientMs);
                    raw.Add(rawMs);
                }
            }

            var found = expected.TotalIsExact ? $"{expected.Total:N0} acteurs trouvés" : $"plus de {expected.Total:N0} acteurs trouvés (compte plafonné)";
            var note = $"{found}, {commands.Count} requêtes SQL ; client p50 {Stats.Percentile(client, 50):F1} ms";
            measures.Add(target.Measure(Name, $"{label} — p50", Stats.Percentile(server, 50), "ms", "même SQL brut, p50", Stats.Percentile(raw, 50), note));
            measures.Add(target.Measure(Name, $"{label} — p95", Stats.Percentile(server, 95), "ms", "même SQL brut, p95", Stats.Percentile(raw, 95)));
        }

        return measures;
    }
}

/// <summary>Actors' pages (identity, contacts, relations, history) beside /health of the same process.</summary>
public sealed class ActorPageScenario : IBenchScenario
{
    public string Name => "fiche acteur";

    public async Task<IReadOnlyList<Measure>> RunAsync(BenchTarget target, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        var ids = target.Sample.ActorIds.Take(target.Settings.ActorPages).ToList();
        var server = new List<double>();
        var health = new List<double>();
        for (var i = -3; i < ids.Count; i++)
        {
            var timed = await Http.GetOkAsync(target.Client, $"/territoires/{target.TerritoryId}/acteurs/{ids[Math.Max(i, 0)]}", cancellationToken);
            var baseline = await Http.GetOkAsync(target.Client, "/health", cancellationToken);
            if (i >= 0)
            {
                server.Add(timed.ServerMs);
                health.Add(baseline.ServerMs);
            }
        }

        var hub = new List<double>();
        var hubHealth = new List<double>();
        for (var i = -1; i < 10; i++)
        {
            var timed = await Http.GetOkAsync(target.Client, $"/territoires/{target.TerritoryId}/acteurs/{target.Sample.HubId}", cancellationToken);
            var baseline = await Http.GetOkAsync(target.Client, "/health", cancellationToken);
            if (i >= 0)
            {
                hub.Add(timed.ServerMs);
                hubHealth.Add(baseline.ServerMs);
            }
        }

        return
        [
            target.Measure(Name, $"acteur au hasard — p50 ({ids.Count} fiches)", Stats.Percentile(server, 50), "ms", "/health, p50", Stats.Percentile(health, 50)),
            target.Measure(Name, "acteur au hasard — p95", Stats.Percentile(server, 95), "ms", "/health, p95", Stats.Percentile(health, 95)),
            target.Measure(Name, $"acteur le plus relié ({target.Sample.HubDegree:N0} relations) — p50", Stats.Percentile(hub, 50), "ms", "/health, p50",
                Stats.Percentile(hubHealth, 50)),
        ];
    }
}

/// <summary>Requests per second of the directory's first page under N concurrent clients, beside /health under the same load.</summary>
public sealed class ThroughputScenario : IBenchScenario
{
    public string Name => "débit";

    public async Task<IReadOnlyList<Measure>> RunAsync(BenchTarget target, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        var page = $"/territoires/{target.TerritoryId}/acteurs";
        var (pageRate, pageErrors, pageCount) = await HammerAsync(target, page, cancellationToken);
        var (healthRate, healthErrors, healthCount) = await HammerAsync(target, "/health", cancellationToken);
        if (pageErrors + healthErrors > 0)
        {
            target.Fail($"{pageErrors} erreurs sur l'annuaire et {healthErrors} sur /health sous {target.Settings.Clients} clients");
        }

        return
        [
            target.Measure(Name, $"première page de l'annuaire, {target.Settings.Clients} clients", pageRate, "requêtes/s",
                $"/health, {target.Settings.Clients} clients", healthRate,
                $"{pageCount:N0} et {healthCount:N0} requêtes en {target.Settings.LoadDuration.TotalSeconds:F0} s chacune ; erreurs : {pageErrors} et {healthErrors}"),
        ];
    }

    private static async Task<(double Rate, int Errors, int Count)> HammerAsync(BenchTarget target, string path, CancellationToken cancellationToken)
    {
        // Warm the connections first.
        await Task.WhenAll(Enumerable.Range(0, target.Settings.Clients).Select(_ => Http.GetAsync(target.Client, path, cancellationToken)));
        var count = 0;
        var errors = 0;
        var watch = Stopwatch.StartNew();
        var end = target.Settings.LoadDuration;
        await Task.WhenAll(Enumerable.Range(0, target.Settings.Clients).Select(async _ =>
        {
            while (watch.Elapsed < end)
            {
                try
                {
                    var timed = await Http.GetAsync(target.Client, path, cancellationToken);
                    Interlocked.Increment(ref count);
                    if (!timed.Ok)
                    {
                        Interlocked.Increment(ref errors);
                    }
                }
                catch (HttpRequestException)
                {
                    Interlocked.Increment(ref errors);
                }
            }
        }));
        return (count / watch.Elapsed.TotalSeconds, errors, count);
    }
}

/// <summary>Start-up to /health beside the same binary's "help" command; peak RSS beside the RSS right after start-up.</summary>
public sealed class ProcessScenario : IBenchScenario
{
    public string Name => "processus";

    public Task<IReadOnlyList<Measure>> RunAsync(BenchTarget target, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        const double mb = 1024 * 1024;
        IReadOnlyList<Measure> measures =
        [
            target.Measure(Name, "démarrage jusqu'à /health", target.App.StartUp.TotalMilliseconds, "ms",
                "même binaire, commande « help »", target.HelpCommand.TotalMilliseconds),
            target.Measure(Name, "mémoire résidente maximale (VmHWM)", target.App.PeakRss() / mb, "Mo",
                "mémoire résidente après démarrage", target.App.RssAfterStart / mb, "après tous les scénarios"),
        ];
        return Task.FromResult(measures);
    }
}
