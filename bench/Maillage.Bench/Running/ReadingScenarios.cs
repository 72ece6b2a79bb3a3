using System.Diagnostics;
using Maillage.Bench.Loading;
using Maillage.Cibles;
using Maillage.Network;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Maillage.Bench.Running;

/// <summary>Timed GETs of pages beside /health of the same process, one of each in turn (so both see the same load).</summary>
public static class Paired
{
    public sealed record Samples(List<double> Server, List<double> Health, List<double> Client);

    public static async Task<Samples> AgainstHealthAsync(BenchTarget target, string path, int runs, CancellationToken cancellationToken, int warmUp = 3)
    {
        ArgumentNullException.ThrowIfNull(target);
        var samples = new Samples([], [], []);
        for (var i = -warmUp; i < runs; i++)
        {
            var timed = await Http.GetOkAsync(target.Client, path, cancellationToken);
            var baseline = await Http.GetOkAsync(target.Client, "/health", cancellationToken);
            if (i >= 0)
            {
                samples.Server.Add(timed.ServerMs);
                samples.Health.Add(baseline.ServerMs);
                samples.Client.Add(timed.ClientMs);
            }
        }

        return samples;
    }

    /// <summary>p50 and p95 of a page beside /health's, as two rows of the table.</summary>
    public static IEnumerable<Measure> Rows(BenchTarget target, string scenario, string label, Samples samples, string? note = null) =>
    [
        target.Measure(scenario, $"{label} — p50", Stats.Percentile(samples.Server, 50), "ms", "/health, p50", Stats.Percentile(samples.Health, 50),
            note is null ? null : $"{note} ; client p50 {Stats.Percentile(samples.Client, 50):F1} ms"),
        target.Measure(scenario, $"{label} — p95", Stats.Percentile(samples.Server, 95), "ms", "/health, p95", Stats.Percentile(samples.Health, 95)),
    ];
}

/// <summary>
/// The cible (target) of the method: its page and its SVG download on a cible holding as many actors as a cible may
/// (<see cref="Cible.MaxActors"/> unless <see cref="BenchSettings.CibleActors"/> says fewer), placed today and ideally on
/// every ring, beside /health of the same process.
/// </summary>
public sealed class CibleScenario : IBenchScenario
{
    public string Name => "cible";

    public async Task<IReadOnlyList<Measure>> RunAsync(BenchTarget target, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        var (cible, placed) = await FillAsync(target, cancellationToken);
        var page = $"/territoires/{target.TerritoryId}/cibles/{cible.Id}";
        var runs = target.Settings.Runs;
        var show = await Paired.AgainstHealthAsync(target, page, runs, cancellationToken, warmUp: 1);
        var svg = await Paired.AgainstHealthAsync(target, page + "?handler=Svg&vue=ecart", runs, cancellationToken, warmUp: 1);
        return
        [
            .. Paired.Rows(target, Name, $"page de la cible ({placed} acteurs placés)", show, $"{placed} acteurs, {cible.RingCount} anneaux"),
            .. Paired.Rows(target, Name, "téléchargement SVG, vue écart", svg, "les deux situations et une flèche par écart"),
        ];
    }

    /// <summary>A cible of the generated territory, loaded raw: built with the domain's constructors like the rest.</summary>
    private static async Task<(Cible Cible, int Placed)> FillAsync(BenchTarget target, CancellationToken cancellationToken)
    {
        var ids = target.Sample.ActorIds.Prepend(target.Sample.HubId).Distinct().Take(Math.Clamp(target.Settings.CibleActors, 1, Cible.MaxActors)).ToList();
        await using var scope = target.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<Data.AppDbContext>();
        var actors = await db.Actors.AsNoTracking().Where(a => ids.Contains(a.Id)).OrderBy(a => a.Id).ToListAsync(cancellationToken);
        var cible = new Cible(target.TerritoryId, "Cible du banc d'essai", "Emploi des jeunes", null);
        cible.StampCreated(DateTime.UtcNow, TerritoryGeneratorAuthor);
#pragma warning disable CA5394 // Deterministic test data, not security.
        var random = new Random(target.Settings.Seed + 4);
        var placements = actors.Select(actor =>
        {
            var placement = new CiblePlacement(cible, actor);
            int? Ring() => random.Next(8) == 0 ? null : 1 + random.Next(cible.RingCount);
            placement.Place(cible, Ring(), Ring());
            placement.StampCreated(DateTime.UtcNow, TerritoryGeneratorAuthor);
            return placement;
        }).ToList();
#pragma warning restore CA5394
        await target.LoadMoreAsync([BulkTable.Of("cible", [cible]), BulkTable.Of("placements", placements)], cancellationToken);
        return (cible, placements.Count);
    }

    private const string TerritoryGeneratorAuthor = Generation.TerritoryGenerator.Author;
}

/// <summary>
/// The network: its metrics (API) and the map's graph (the handler the network page fetches), each beside the SQL the
/// app sends to read the network (<see cref="NetworkGraph.LoadAsync"/>, captured in-process and replayed raw).
/// </summary>
public sealed class NetworkScenario : IBenchScenario
{
    public string Name => "réseau";

    public async Task<IReadOnlyList<Measure>> RunAsync(BenchTarget target, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        var (commands, graph) = await target.CaptureAsync(db => NetworkGraph.LoadAsync(db, target.TerritoryId, cancellationToken));
        if (graph.Edges.Count == 0)
        {
            throw new InvalidOperationException("Le réseau généré n'a aucune relation : la mesure ne mesure rien.");
        }

        await using var connection = await target.OpenRawConnectionAsync(cancellationToken);
        var check = await RawReplay.RunAsync(connection, commands, cancellationToken);
        var measures = new List<Measure>();
        var paths = new (string Label, string Path)[]
        {
            ("GET …/network/metrics", $"/api/v1/territories/{target.TerritoryId}/network/metrics"),
            ("graphe de la carte (handler Graph)", $"/territoires/{target.TerritoryId}/reseau?handler=Graph"),
        };
        foreach (var (label, path) in paths)
        {
            var server = new List<double>();
            var raw = new List<double>();
            for (var run = -1; run < target.Settings.NetworkRuns; run++)
            {
                var timed = await Http.GetOkAsync(target.Client, path, cancellationToken);
                var watch = Stopwatch.StartNew();
                await RawReplay.RunAsync(connection, commands, cancellationToken);
                var rawMs = watch.Elapsed.TotalMilliseconds;
                if (run >= 0)
                {
                    server.Add(timed.ServerMs);
                    raw.Add(rawMs);
                }
            }

            var note = $"{graph.Nodes.Count:N0} acteurs, {graph.Edges.Count:N0} relations ; {commands.Count} requêtes SQL lisant " +
                       $"{check.Sum(c => c.Rows):N0} lignes ; {target.Settings.NetworkRuns} mesures";
            measures.Add(target.Measure(Name, $"{label} — p50", Stats.Percentile(server, 50), "ms", "SQL de lecture du réseau brut, p50",
                Stats.Percentile(raw, 50), note));
            measures.Add(target.Measure(Name, $"{label} — p95", Stats.Percentile(server, 95), "ms", "SQL de lecture du réseau brut, p95",
                Stats.Percentile(raw, 95)));
        }

        return measures;
    }
}

/// <summary>
/// A project with the most participations of the generated ones: its page and its points de vigilance (API), beside
/// /health of the same process.
/// </summary>
public sealed class ProjectScenario : IBenchScenario
{
    public string Name => "projet et points de vigilance";

    public async Task<IReadOnlyList<Measure>> RunAsync(BenchTarget target, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        if (target.Sample.ProjectId is not { } project)
        {
            throw new InvalidOperationException("Le territoire généré n'a aucun projet : la mesure ne mesure rien.");
        }

        var participants = target.Sample.ProjectParticipants;
        var runs = target.Settings.Runs;
        var page = await Paired.AgainstHealthAsync(target, $"/territoires/{target.TerritoryId}/projets/{project}", runs, cancellationToken);
        var vigilance = await Paired.AgainstHealthAsync(target, $"/api/v1/territories/{target.TerritoryId}/projects/{project}/vigilance", runs, cancellationToken);
        return
        [
            .. Paired.Rows(target, Name, $"page du projet ({participants} participations)", page, $"{participants} participations"),
            .. Paired.Rows(target, Name, "GET …/projects/{p}/vigilance", vigilance, $"{participants} participations"),
        ];
    }
}
