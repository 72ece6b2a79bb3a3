using Maillage.Actors;
using Maillage.Data;
using Maillage.Infrastructure;
using Maillage.Territories;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Maillage.Network;

/// <summary>
/// The map of the territory's relations (sigma.js, WebGL) beside its reading in sentences: who is central, who
/// bridges, who is isolated. The graph is sent once, in columns, with positions computed by the server.
/// </summary>
[TerritoryPage(TerritoryRole.Lecteur, TerritoryRole.Pilote)]
public sealed class MapModel(AppDbContext db) : PageModel
{
    public NetworkReading Reading { get; private set; } = null!;
    public IReadOnlyList<RelationTypeOption> RelationTypes { get; private set; } = [];

    public async Task OnGetAsync(Guid territoryId, CancellationToken cancellationToken)
    {
        var graph = await NetworkGraph.LoadAsync(db, territoryId, cancellationToken);
        Reading = NetworkReading.Of(NetworkMetrics.Compute(graph));
        var used = graph.Edges.Select(e => e.Type).ToHashSet(StringComparer.Ordinal);
        RelationTypes = (await RelationTypeCatalog.LoadAsync(db, territoryId, cancellationToken)).Options.Where(o => used.Contains(o.Code)).ToList();
    }

    /// <summary>
    /// The graph for the map: node and edge attributes as parallel arrays (compact at 100,000 actors). Positions need
    /// only the groups, not the betweenness the page's lists are read from.
    /// </summary>
    public async Task<IActionResult> OnGetGraphAsync(Guid territoryId, CancellationToken cancellationToken)
    {
        var graph = await NetworkGraph.LoadAsync(db, territoryId, cancellationToken);
        var positions = NetworkLayout.Compute(graph, NetworkMetrics.CommunitiesOf(graph).Communities);
        var types = graph.Edges.Select(e => e.Type).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var typeIndex = types.Select((t, i) => (t, i)).ToDictionary(x => x.t, x => x.i, StringComparer.Ordinal);
        return new JsonResult(new
        {
            nodes = new
            {
                ids = graph.Nodes.Select(n => n.ActorId),
                labels = graph.Nodes.Select(n => n.Name),
                families = graph.Nodes.Select(n => n.Family.Code()),
                x = positions.Select(p => p.X),
                y = positions.Select(p => p.Y),
                sizes = positions.Select(p => p.Size),
            },
            edges = new
            {
                sources = graph.Edges.Select(e => e.Source),
                targets = graph.Edges.Select(e => e.Target),
                types = graph.Edges.Select(e => typeIndex[e.Type]),
            },

            // Relation type codes: the filter's labels are drawn by the page.
            types,
        });
    }
}
