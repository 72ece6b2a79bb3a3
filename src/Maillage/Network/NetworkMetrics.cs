namespace Maillage.Network;

/// <summary>How the betweenness was computed: the answer states it, since an approximation is not an exact figure.</summary>
public sealed record BetweennessMethod(bool Exact, int Sources, string Description);

/// <summary>The figures of one actor in the network.</summary>
public readonly record struct NodeMetrics(int Degree, double Betweenness, double NormalizedBetweenness, int Community,
    bool IsArticulation, int NeighbourCommunities);

/// <summary>
/// The network's figures, computed in memory from the graph (source 002: « nous sommes assis sur une mine d'or » —
/// the facilitator sits among many networks without seeing it):
/// - degree: how many actors one is directly linked to;
/// - betweenness (Brandes 2001): on how many shortest paths between two other actors one stands — exact up to
///   <see cref="ExactLimit"/> actors, beyond that estimated from <see cref="SampledSources"/> sources drawn with a
///   fixed seed and scaled up (Brandes and Pich 2007), so the same graph always gives the same figures;
/// - articulation points (Hopcroft–Tarjan): actors whose removal cuts the network in two;
/// - communities: Louvain modularity optimisation (Blondel et al. 2008), nodes visited in a fixed order:
///   deterministic;
/// - isolated actors: no relation at all.
/// </summary>
public sealed class NetworkMetrics
{
    public const int ExactLimit = 3000;
    public const int SampledSources = 100;
    private const int Seed = 20_26;

    private NetworkMetrics(NetworkGraph graph, NodeMetrics[] nodes, BetweennessMethod method, int communityCount)
    {
        Graph = graph;
        Nodes = nodes;
        Method = method;
        CommunityCount = communityCount;
    }

    public NetworkGraph Graph { get; }
    public IReadOnlyList<NodeMetrics> Nodes { get; }
    public BetweennessMethod Method { get; }

    /// <summary>Groups of at least two linked actors (an isolated actor is no community).</summary>
    public int CommunityCount { get; }

    public static NetworkMetrics Compute(NetworkGraph graph, int exactLimit = ExactLimit, int sampledSources = SampledSources)
    {
        ArgumentNullException.ThrowIfNull(graph);
        var n = graph.NodeCount;
        var (betweenness, method) = Betweenness(graph, exactLimit, sampledSources);
        var articulations = ArticulationPoints(graph);
        var (communities, communityCount) = CommunitiesOf(graph);
        var scale = n > 2 ? 2.0 / ((n - 1.0) * (n - 2.0)) : 0;
        var nodes = new NodeMetrics[n];
        var seen = new HashSet<int>();
        for (var v = 0; v < n; v++)
        {
            seen.Clear();
            foreach (var w in graph.Neighbours(v))
            {
                seen.Add(communities[w]);
            }

            seen.Add(communities[v]);
            nodes[v] = new NodeMetrics(graph.Degree(v), betweenness[v], betweenness[v] * scale, communities[v], articulations[v],
                graph.Degree(v) == 0 ? 0 : seen.Count);
        }

        return new NetworkMetrics(graph, nodes, method, communityCount);
    }

    /// <summary>
    /// Brandes' accumulation from each source (all of them, or a fixed sample), for an undirected unweighted graph:
    /// each pair is counted once. Predecessors are found again from the distances rather than stored.
    /// </summary>
    private static (double[] Values, BetweennessMethod Method) Betweenness(NetworkGraph graph, int exactLimit, int sampledSources)
    {
        var n = graph.NodeCount;
        var result = new double[n];
        if (n < 3)
        {
            return (result, new BetweennessMethod(true, n, "exacte (algorithme de Brandes)"));
        }

        int[] sources;
        BetweennessMethod method;
        var connected = Enumerable.Range(0, n).Where(v => graph.Degree(v) > 0).ToArray();
        if (n <= exactLimit || connected.Length <= sampledSources)
        {
            sources = connected;
            method = new BetweennessMethod(true, connected.Length, "exacte (algorithme de Brandes, depuis chacun des acteurs reliés)");
        }
        else
        {
            var random = new Random(Seed);
            sources = connected.ToArray();
            random.Shuffle(sources);
            sources = sources[..sampledSources];
            Array.Sort(sources);
            method = new BetweennessMethod(false, sampledSources,
                $"estimée depuis {sampledSources} acteurs tirés au hasard (graine fixe) parmi {connected.Length} reliés, " +
                "puis extrapolée (Brandes et Pich, 2007) : l'ordre des acteurs est fiable, les valeurs sont approchées");
        }

        var sigma = new double[n];
        var distance = new int[n];
        var delta = new double[n];
        var order = new int[n];
        Array.Fill(distance, -1);
        foreach (var s in sources)
        {
            // Breadth-first from s: number of shortest paths (sigma) and distance of each reached actor.
            var head = 0;
            var tail = 0;
            order[tail++] = s;
            sigma[s] = 1;
            distance[s] = 0;
            while (head < tail)
            {
                var v = order[head++];
                foreach (var w in graph.Neighbours(v))
                {
                    if (distance[w] < 0)
                    {
                        distance[w] = distance[v] + 1;
                        order[tail++] = w;
                    }

                    if (distance[w] == distance[v] + 1)
                    {
                        sigma[w] += sigma[v];
                    }
                }
            }

            // Back from the farthest: each actor passes its dependency to its predecessors on shortest paths.
            for (var i = tail - 1; i > 0; i--)
            {
                var w = order[i];
                var coefficient = (1 + delta[w]) / sigma[w];
                foreach (var v in graph.Neighbours(w))
                {
                    if (distance[v] == distance[w] - 1)
                    {
                        delta[v] += sigma[v] * coefficient;
                    }
                }

                result[w] += delta[w];
            }

            for (var i = 0; i < tail; i++)
            {
                var v = order[i];
                sigma[v] = 0;
                delta[v] = 0;
                distance[v] = -1;
            }
        }

        // Each unordered pair was seen from both of its ends; a sample stands for all the sources.
        var factor = method.Exact ? 0.5 : 0.5 * connected.Length / sources.Length;
        for (var v = 0; v < n; v++)
        {
            result[v] *= factor;
        }

        return (result, method);
    }

    /// <summary>Cut vertices by an iterative depth-first search (no recursion: a path of 100,000 actors is fine).</summary>
    private static bool[] ArticulationPoints(NetworkGraph graph)
    {
        var n = graph.NodeCount;
        var result = new bool[n];
        var discovery = new int[n];
        var low = new int[n];
        var parent = new int[n];
        var next = new int[n];
        Array.Fill(discovery, -1);
        var stack = new Stack<int>();
        var time = 0;
        for (var root = 0; root < n; root++)
        {
            if (discovery[root] >= 0 || graph.Degree(root) == 0)
            {
                continue;
            }

            var rootChildren = 0;
            parent[root] = -1;
            discovery[root] = low[root] = time++;
            stack.Push(root);
            while (stack.Count > 0)
            {
                var v = stack.Peek();
                var neighbours = graph.Neighbours(v);
                if (next[v] < neighbours.Length)
                {
                    var w = neighbours[next[v]++];
                    if (discovery[w] < 0)
                    {
                        parent[w] = v;
                        discovery[w] = low[w] = time++;
                        if (v == root)
                        {
                            rootChildren++;
                        }

                        stack.Push(w);
                    }
                    else if (w != parent[v])
                    {
                        low[v] = Math.Min(low[v], discovery[w]);
                    }

                    continue;
                }

                stack.Pop();
                var p = parent[v];
                if (p >= 0)
                {
                    low[p] = Math.Min(low[p], low[v]);
                    if (p != root && low[v] >= discovery[p])
                    {
                        result[p] = true;
                    }
                }
            }

            result[root] = rootChildren > 1;
        }

        return result;
    }

    /// <summary>
    /// Louvain (Blondel et al. 2008): each actor joins the neighbouring group that most increases the modularity
    /// (strict gains only, nodes in index order: deterministic), then groups become nodes and the same is done again,
    /// until nothing moves. Groups are numbered by decreasing size; isolated actors get -1.
    /// </summary>
    /// <summary>Each actor's group (numbered by decreasing size, -1 when isolated) and the number of groups.</summary>
    public static (int[] Communities, int Count) CommunitiesOf(NetworkGraph graph)
    {
        var n = graph.NodeCount;

        // Level graph: weighted adjacency; a self-loop holds twice the weight inside the group it stands for.
        var adjacency = new List<(int Node, double Weight)>[n];
        for (var v = 0; v < n; v++)
        {
            var list = new List<(int, double)>(graph.Degree(v));
            foreach (var w in graph.Neighbours(v))
            {
                list.Add((w, 1));
            }

            adjacency[v] = list;
        }

        var membership = Enumerable.Range(0, n).ToArray();
        for (var level = 0; level < 20; level++)
        {
            var count = adjacency.Length;
            var strength = new double[count];
            var total = 0.0;
            for (var v = 0; v < count; v++)
            {
                foreach (var (_, weight) in adjacency[v])
                {
                    strength[v] += weight;
                }

                total += strength[v];
            }

            if (total == 0)
            {
                break;
            }

            var community = Enumerable.Range(0, count).ToArray();
            var tot = (double[])strength.Clone();

            // Weight from the current node to each neighbouring group, in an array reset after each node.
            var linkWeight = new double[count];
            var touched = new List<int>();
            var movedAtAll = false;
            for (var pass = 0; pass < 50; pass++)
            {
                var moved = 0;
                for (var v = 0; v < count; v++)
                {
                    if (strength[v] == 0)
                    {
                        continue;
                    }

                    var own = community[v];
                    foreach (var (w, weight) in adjacency[v])
                    {
                        if (w == v)
                        {
                            continue;
                        }

                        var c = community[w];
                        if (linkWeight[c] == 0)
                        {
                            touched.Add(c);
                        }

                        linkWeight[c] += weight;
                    }

                    tot[own] -= strength[v];
                    var best = own;
                    var bestGain = linkWeight[own] - tot[own] * strength[v] / total;
                    foreach (var candidate in touched)
                    {
                        var gain = linkWeight[candidate] - tot[candidate] * strength[v] / total;
                        if (gain > bestGain + 1e-12 || (Math.Abs(gain - bestGain) <= 1e-12 && candidate < best && best != own))
                        {
                            best = candidate;
                            bestGain = gain;
                        }
                    }

                    foreach (var c in touched)
                    {
                        linkWeight[c] = 0;
                    }

                    touched.Clear();
                    tot[best] += strength[v];
                    if (best != own)
                    {
                        community[v] = best;
                        moved++;
                    }
                }

                // A pass that moves almost nobody gains almost nothing: the next level does better, faster.
                if (moved == 0)
                {
                    break;
                }

                movedAtAll = true;
                if (moved < count / 1000)
                {
                    break;
                }
            }

            if (!movedAtAll)
            {
                break;
            }

            // Renumber the groups, then fold each group into one node of the next level.
            var renumber = new Dictionary<int, int>();
            foreach (var c in community)
            {
                renumber.TryAdd(c, renumber.Count);
            }

            for (var v = 0; v < n; v++)
            {
                membership[v] = renumber[community[membership[v]]];
            }

            var folded = new Dictionary<int, double>[renumber.Count];
            for (var c = 0; c < folded.Length; c++)
            {
                folded[c] = [];
            }

            for (var v = 0; v < count; v++)
            {
                var from = renumber[community[v]];
                foreach (var (w, weight) in adjacency[v])
                {
                    var to = renumber[community[w]];
                    folded[from][to] = folded[from].GetValueOrDefault(to) + weight;
                }
            }

            adjacency = folded.Select(d => d.OrderBy(x => x.Key).Select(x => (x.Key, x.Value)).ToList()).ToArray();
        }

        var sizes = new Dictionary<int, int>();
        for (var v = 0; v < n; v++)
        {
            if (graph.Degree(v) > 0)
            {
                sizes[membership[v]] = sizes.GetValueOrDefault(membership[v]) + 1;
            }
        }

        var numbers = sizes.OrderByDescending(s => s.Value).ThenBy(s => s.Key)
            .Select((s, i) => (s.Key, Index: i))
            .ToDictionary(x => x.Key, x => x.Index);
        var result = new int[n];
        for (var v = 0; v < n; v++)
        {
            result[v] = graph.Degree(v) > 0 ? numbers[membership[v]] : -1;
        }

        return (result, numbers.Count);
    }
}
