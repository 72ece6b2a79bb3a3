using Maillage.Actors;
using Maillage.Data;
using Microsoft.EntityFrameworkCore;

namespace Maillage.Network;

/// <summary>An actor as a node of the network: its index in the graph's arrays is its position in <see cref="NetworkGraph.Nodes"/>.</summary>
public sealed record NetworkNode(Guid ActorId, string Name, ActorFamily Family);

/// <summary>A relation as an edge between two node indexes, with its type code.</summary>
public readonly record struct NetworkEdge(int Source, int Target, string Type);

/// <summary>
/// The relations of a territory as an undirected graph in compressed rows (each node's neighbours side by side in
/// one array): the metrics walk it without allocating per node, at 100,000 actors and 300,000 relations. A pair of
/// actors linked by several relations is one neighbour; the relations themselves stay in <see cref="Edges"/>.
/// </summary>
public sealed class NetworkGraph
{
    private readonly int[] _offsets;
    private readonly int[] _neighbours;

    public NetworkGraph(IReadOnlyList<NetworkNode> nodes, IReadOnlyList<NetworkEdge> edges)
    {
        ArgumentNullException.ThrowIfNull(nodes);
        ArgumentNullException.ThrowIfNull(edges);
        Nodes = nodes;
        Edges = edges;
        var n = nodes.Count;

        // Each undirected pair once, both ways; self-loops (refused by the registry anyway) ignored.
        var pairs = new HashSet<long>();
        var counts = new int[n + 1];
        foreach (var edge in edges)
        {
            if (edge.Source == edge.Target)
            {
                continue;
            }

            var (a, b) = edge.Source < edge.Target ? (edge.Source, edge.Target) : (edge.Target, edge.Source);
            if (pairs.Add(((long)a << 32) | (uint)b))
            {
                counts[a]++;
                counts[b]++;
            }
        }

        _offsets = new int[n + 1];
        for (var i = 0; i < n; i++)
        {
            _offsets[i + 1] = _offsets[i] + counts[i];
        }

        _neighbours = new int[_offsets[n]];
        var fill = new int[n];
        foreach (var pair in pairs)
        {
            var a = (int)(pair >> 32);
            var b = (int)(uint)pair;
            _neighbours[_offsets[a] + fill[a]++] = b;
            _neighbours[_offsets[b] + fill[b]++] = a;
        }

        // Sorted neighbours make every walk, and so every figure, independent of the hash set's order.
        for (var i = 0; i < n; i++)
        {
            Array.Sort(_neighbours, _offsets[i], counts[i]);
        }

        LinkCount = pairs.Count;
    }

    public IReadOnlyList<NetworkNode> Nodes { get; }
    public IReadOnlyList<NetworkEdge> Edges { get; }

    public int NodeCount => Nodes.Count;

    /// <summary>Pairs of actors linked by at least one relation.</summary>
    public int LinkCount { get; }

    public int Degree(int node) => _offsets[node + 1] - _offsets[node];

    public ReadOnlySpan<int> Neighbours(int node) => _neighbours.AsSpan(_offsets[node], Degree(node));

    /// <summary>The compressed rows themselves, for the metrics' inner loops: node v's neighbours are
    /// <c>NeighbourArray[Offsets[v]..Offsets[v + 1]]</c>.</summary>
    internal int[] Offsets => _offsets;

    internal int[] NeighbourArray => _neighbours;

    /// <summary>
    /// The territory's actors and relations, read as two narrow projections. Every actor is a node: the isolated
    /// ones are part of the answer.
    /// </summary>
    public static async Task<NetworkGraph> LoadAsync(AppDbContext db, Guid territoryId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var nodes = await db.Actors.AsNoTracking()
            .Where(a => a.TerritoryId == territoryId)
            .OrderBy(a => a.NameKey).ThenBy(a => a.Id)
            .Select(a => new NetworkNode(a.Id, a.Name, a.Family))
            .ToListAsync(cancellationToken);
        var index = new Dictionary<Guid, int>(nodes.Count);
        for (var i = 0; i < nodes.Count; i++)
        {
            index[nodes[i].ActorId] = i;
        }

        var edges = new List<NetworkEdge>();
        await foreach (var relation in db.ActorRelations.AsNoTracking()
                           .Where(r => r.TerritoryId == territoryId)
                           .Select(r => new { r.SourceActorId, r.TargetActorId, r.Type })
                           .AsAsyncEnumerable()
                           .WithCancellation(cancellationToken))
        {
            if (index.TryGetValue(relation.SourceActorId, out var source) && index.TryGetValue(relation.TargetActorId, out var target))
            {
                edges.Add(new NetworkEdge(source, target, string.Intern(relation.Type)));
            }
        }

        return new NetworkGraph(nodes, edges);
    }
}
