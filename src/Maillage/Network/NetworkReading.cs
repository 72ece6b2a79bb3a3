using System.Globalization;
using System.Text;
using Maillage.Actors;

namespace Maillage.Network;

public enum HighlightKind
{
    Central,
    Bridge,
    Isolated,
}

/// <summary>
/// One actor in one of the lists « qui est central / qui fait le pont / qui est isolé », with why: the French sentence
/// (the API's) and the figures it is made of, from which a page writes it in its own language.
/// </summary>
public sealed record NetworkHighlight(Guid ActorId, string Name, ActorFamily Family, int Degree, double Betweenness, string Explanation)
{
    public HighlightKind Kind { get; init; }

    /// <summary>How many families its direct relations belong to.</summary>
    public int Families { get; init; }

    /// <summary>The share of the network's other actors it is directly related to.</summary>
    public double Share { get; init; }

    /// <summary>How many groups its relations touch.</summary>
    public int Groups { get; init; }

    /// <summary>Whether removing it would cut the network in pieces.</summary>
    public bool Articulation { get; init; }
}

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
            .Select(CentralHighlight)
            .ToList();

        // A bridge stands between groups: it touches several communities, or its removal would cut the network.
        Bridges = all.Where(v => metrics.Nodes[v].Betweenness > 0 && (metrics.Nodes[v].NeighbourCommunities > 1 || metrics.Nodes[v].IsArticulation))
            .OrderByDescending(v => metrics.Nodes[v].Betweenness).ThenBy(v => v)
            .Take(ListLength)
            .Select(BridgeHighlight)
            .ToList();

        var isolated = all.Where(v => metrics.Nodes[v].Degree == 0).ToList();
        IsolatedCount = isolated.Count;
        Isolated = isolated.Take(IsolatedListLength)
            .Select(v => Highlight(v, IsolatedText) with { Kind = HighlightKind.Isolated })
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

    public const string IsolatedText = "Aucune relation enregistrée : un acteur à qualifier, ou à mobiliser par un partenaire qui le connaît.";

    /// <summary>The sentence of a central actor, from its figures; <paramref name="actors"/> and <paramref name="families"/> are already counted in words.</summary>
    public const string CentralTemplate = "En relation directe avec {0} ({1:P0} du territoire), de {2} : un relais naturel pour informer et mobiliser.";

    public const string BridgeGroupsText = "Relie {0} groupes d'acteurs qui se parlent peu entre eux";
    public const string BridgePathText = "Se trouve sur le chemin entre deux parties du réseau";
    public const string ArticulationText = " ; sans lui, le réseau se coupe en morceaux";
    public const string BridgeTemplate = "{0} (intermédiarité {1:N0}) : un passeur à associer tôt, et un point de fragilité s'il se retire.";

    private static readonly CompositeFormat CentralFormat = CompositeFormat.Parse(CentralTemplate);
    private static readonly CompositeFormat BridgeGroupsFormat = CompositeFormat.Parse(BridgeGroupsText);
    private static readonly CompositeFormat BridgeFormat = CompositeFormat.Parse(BridgeTemplate);

    private NetworkHighlight CentralHighlight(int v)
    {
        var m = Metrics.Nodes[v];
        var families = Metrics.Graph.Neighbours(v).ToArray().Select(w => Metrics.Graph.Nodes[w].Family).Distinct().Count();
        var share = Metrics.Graph.NodeCount > 1 ? (double)m.Degree / (Metrics.Graph.NodeCount - 1) : 0;
        var text = string.Format(French, CentralFormat, Count(m.Degree, "acteur", "acteurs"), share, Count(families, "famille", "familles"));
        return Highlight(v, text) with { Kind = HighlightKind.Central, Families = families, Share = share };
    }

    private NetworkHighlight BridgeHighlight(int v)
    {
        var m = Metrics.Nodes[v];
        var text = m.NeighbourCommunities > 1 ? string.Format(French, BridgeGroupsFormat, m.NeighbourCommunities) : BridgePathText;
        if (m.IsArticulation)
        {
            text += ArticulationText;
        }

        return Highlight(v, string.Format(French, BridgeFormat, text, m.Betweenness)) with
        {
            Kind = HighlightKind.Bridge,
            Groups = m.NeighbourCommunities,
            Articulation = m.IsArticulation,
        };
    }

    private static string Count(int n, string one, string many) => string.Create(French, $"{n} {(n > 1 ? many : one)}");
}
