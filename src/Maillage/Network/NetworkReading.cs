using System.Globalization;
using Maillage.Actors;

namespace Maillage.Network;

/// <summary>One actor in one of the lists « qui est central / qui fait le pont / qui est isolé », with why.</summary>
public sealed record NetworkHighlight(Guid ActorId, string Name, ActorFamily Family, int Degree, double Betweenness, string Explanation);

/// <summary>A group of actors more linked to each other than to the rest.</summary>
public sealed record NetworkCommunity(int Number, int Size, IReadOnlyList<(ActorFamily Family, int Count)> Families, IReadOnlyList<string> Leaders);

/// <summary>
/// What the figures say, in sentences a facilitator can act on: who is central, who bridges groups that would not
/// meet otherwise, who is isolated (source 004: « la connaissance des réseaux et de leurs jeux respectifs »).
/// </summary>
public sealed class NetworkReading
{
    public const int ListLength = 10;
    public const int IsolatedListLength = 50;

    private static readonly CultureInfo French = CultureInfo.GetCultureInfo("fr-FR");

    private NetworkReading(NetworkMetrics metrics)
    {
        Metrics = metrics;
        var graph = metrics.Graph;
        var all = Enumerable.Range(0, graph.NodeCount).ToList();

        Central = all.Where(v => metrics.Nodes[v].Degree > 0)
            .OrderByDescending(v => metrics.Nodes[v].Degree).ThenByDescending(v => metrics.Nodes[v].Betweenness).ThenBy(v => v)
            .Take(ListLength)
            .Select(v => Highlight(v, CentralText(v)))
            .ToList();

        // A bridge stands between groups: it touches several communities, or its removal would cut the network.
        Bridges = all.Where(v => metrics.Nodes[v].Betweenness > 0 && (metrics.Nodes[v].NeighbourCommunities > 1 || metrics.Nodes[v].IsArticulation))
            .OrderByDescending(v => metrics.Nodes[v].Betweenness).ThenBy(v => v)
            .Take(ListLength)
            .Select(v => Highlight(v, BridgeText(v)))
            .ToList();

        var isolated = all.Where(v => metrics.Nodes[v].Degree == 0).ToList();
        IsolatedCount = isolated.Count;
        Isolated = isolated.Take(IsolatedListLength)
            .Select(v => Highlight(v, "Aucune relation enregistrée : un acteur à qualifier, ou à mobiliser par un partenaire qui le connaît."))
            .ToList();
        ArticulationCount = all.Count(v => metrics.Nodes[v].IsArticulation);

        Communities = all.Where(v => metrics.Nodes[v].Community >= 0)
            .GroupBy(v => metrics.Nodes[v].Community)
            .OrderBy(g => g.Key)
            .Take(ListLength)
            .Select(g => new NetworkCommunity(g.Key + 1, g.Count(),
                g.GroupBy(v => graph.Nodes[v].Family).OrderByDescending(f => f.Count()).ThenBy(f => f.Key).Select(f => (f.Key, f.Count())).ToList(),
                g.OrderByDescending(v => metrics.Nodes[v].Degree).ThenBy(v => v).Take(3).Select(v => graph.Nodes[v].Name).ToList()))
            .ToList();
    }

    public NetworkMetrics Metrics { get; }
    public IReadOnlyList<NetworkHighlight> Central { get; }
    public IReadOnlyList<NetworkHighlight> Bridges { get; }
    public IReadOnlyList<NetworkHighlight> Isolated { get; }
    public int IsolatedCount { get; }
    public int ArticulationCount { get; }
    public IReadOnlyList<NetworkCommunity> Communities { get; }

    public static NetworkReading Of(NetworkMetrics metrics)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        return new NetworkReading(metrics);
    }

    private NetworkHighlight Highlight(int v, string explanation)
    {
        var node = Metrics.Graph.Nodes[v];
        return new NetworkHighlight(node.ActorId, node.Name, node.Family, Metrics.Nodes[v].Degree, Math.Round(Metrics.Nodes[v].Betweenness, 2), explanation);
    }

    private string CentralText(int v)
    {
        var m = Metrics.Nodes[v];
        var families = Metrics.Graph.Neighbours(v).ToArray().Select(w => Metrics.Graph.Nodes[w].Family).Distinct().Count();
        var share = Metrics.Graph.NodeCount > 1 ? (double)m.Degree / (Metrics.Graph.NodeCount - 1) : 0;
        return string.Format(French, "En relation directe avec {0} acteur{1} ({2:P0} du territoire), de {3} famille{4} : " +
            "un relais naturel pour informer et mobiliser.", m.Degree, m.Degree > 1 ? "s" : "", share, families, families > 1 ? "s" : "");
    }

    private string BridgeText(int v)
    {
        var m = Metrics.Nodes[v];
        var text = m.NeighbourCommunities > 1
            ? $"Relie {m.NeighbourCommunities} groupes d'acteurs qui se parlent peu entre eux"
            : "Se trouve sur le chemin entre deux parties du réseau";
        if (m.IsArticulation)
        {
            text += " ; sans lui, le réseau se coupe en morceaux";
        }

        return string.Format(French, "{0} (intermédiarité {1:N0}) : un passeur à associer tôt, et un point de fragilité s'il se retire.", text, m.Betweenness);
    }
}
