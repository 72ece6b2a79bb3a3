using Maillage.Actors;
using Maillage.Data;
using Maillage.Infrastructure;
using Maillage.Territories;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Maillage.Network;

/// <summary>
/// The map of the territory's relations (sigma.js, WebGL) beside its reading in sentences: who is central, who
/// bridges, who is isolated. The page itself is light: the graph comes from <see cref="OnGetGraphAsync"/> (positions
/// computed by the server), the reading from <see cref="OnGetReadingAsync"/>, asked once the map is drawn so that the
/// two computations do not compete for the same cores.
/// </summary>
[TerritoryPage(TerritoryRole.Lecteur, TerritoryRole.Pilote)]
public sealed class MapModel(AppDbContext db) : PageModel
{
    /// <summary>
    /// Above this many actors the map opens on an overview: the most linked actors and the relations between them;
    /// any other actor is drawn with its neighbourhood when searched or reached (Kumu advises a high-performance mode
    /// above 1,000 elements and names 5,000–10,000 as its top).
    /// </summary>
    public const int OverviewLimit = 5000;

    public IReadOnlyList<RelationTypeOption> RelationTypes { get; private set; } = [];

    public async Task OnGetAsync(Guid territoryId, CancellationToken cancellationToken)
    {
        var used = await db.ActorRelations.AsNoTracking().Where(r => r.TerritoryId == territoryId).Select(r => r.Type).Distinct()
            .ToListAsync(cancellationToken);
        RelationTypes = (await RelationTypeCatalog.LoadAsync(db, territoryId, cancellationToken)).Options.Where(o => used.Contains(o.Code)).ToList();
    }

    /// <summary>The figures and the lists « qui est central / qui fait le pont / qui est isolé », as a fragment.</summary>
    public async Task<IActionResult> OnGetReadingAsync(Guid territoryId, CancellationToken cancellationToken)
    {
        var graph = await NetworkGraph.LoadAsync(db, territoryId, cancellationToken);
        return Partial("_Reading", NetworkReading.Of(NetworkMetrics.Compute(graph)));
    }

    /// <summary>
    /// The whole graph for the map, as parallel arrays (compact at 100,000 actors): the browser draws at most
    /// <see cref="OverviewLimit"/> actors at once but searches and expands among all of them. Positions need only
    /// the groups, not the betweenness the page's lists are read from.
    /// </summary>
    public async Task<IActionResult> OnGetGraphAsync(Guid territoryId, CancellationToken cancellationToken)
    {
        var graph = await NetworkGraph.LoadAsync(db, territoryId, cancellationToken);
        var positions = NetworkLayout.Compute(graph, NetworkMetrics.CommunitiesOf(graph).Communities);
        var types = graph.Edges.Select(e => e.Type).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var typeIndex = types.Select((t, i) => (t, i)).ToDictionary(x => x.t, x => x.i, StringComparer.Ordinal);
        var families = ActorFamilies.All.ToList();
        return new JsonResult(new
        {
            nodes = new
            {
                ids = graph.Nodes.Select(n => n.ActorId),
                labels = graph.Nodes.Select(n => n.Name),
                families = graph.Nodes.Select(n => families.IndexOf(n.Family)),
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

            // Family and relation type codes, indexed by the arrays above: the labels are drawn by the page.
            families = families.Select(f => f.Code()),
            types,
            overviewLimit = OverviewLimit,
        });
    }
}
