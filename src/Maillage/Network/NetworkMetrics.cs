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
///   <see cref="ExactLimit"/> actors, beyond that estimated from sources drawn with a fixed seed (their number set by
///   <see cref="SourcesFor"/>) and scaled up (Brandes and Pich 2007), so the same graph always gives the same figures;
/// - articulation points (Hopcroft–Tarjan): actors whose removal cuts the network in two;
/// - communities: Louvain modularity optimisation (Blondel et al. 2008), nodes visited in a fixed order:
///   deterministic;
/// - isolated actors: no relation at all.
/// </summary>
public sealed class NetworkMetrics
{
    public const int ExactLimit = 3000;

    /// <summary>
    /// Sampled sources: as many as a budget of <see cref="SampleBudget"/> link visits allows (each source walks every
    /// link twice, once out and once back), never fewer than <see cref="MinSources"/> nor more than
    /// <see cref="MaxSources"/>: 100 sources at 10,000 actors, 50 at 300,000 links.
    /// </summary>
    public const int MinSources = 32;
    public const int MaxSources = 100;
    public const long SampleBudget = 60_000_000;

    // Sources are split into a fixed number of chunks summed in order, so the figures do not depend on the cores.
    private const int Chunks = 8;
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

    /// <summary>The number of sources sampled on a graph of <paramref name="links"/> links (see <see cref="SampleBudget"/>).</summary>
    public static int SourcesFor(int links) => (int)Math.Clamp(SampleBudget / Math.Max(1, 4L * links), MinSources, MaxSources);

    public static NetworkMetrics Compute(NetworkGraph graph, int exactLimit = ExactLimit, int? sampledSources = null)
    {
        ArgumentNullException.ThrowIfNull(graph);
        var n = graph.NodeCount;
        var (betweenness, method) = Betweenness(graph, exactLimit, sampledSources ?? SourcesFor(graph.LinkCount));
        var articulations = ArticulationPoints(graph);
        var (communities, communityCount) = CommunitiesOf(graph);
        var scale = n > 2 ? 2.0 / ((n - 1.0) * (n - 2.0)) : 0;
        var nodes = new NodeMetrics[n];

        // Distinct groups around each actor, counted with a mark per group instead of a set per actor.
        var mark = new int[communityCount + 1];
        for (var v = 0; v < n; v++)
        {
            var distinct = 0;
            if (graph.Degree(v) > 0)
            {
                var stamp = v + 1;
                mark[communities[v]] = stamp;
                distinct = 1;
                foreach (var w in graph.Neighbours(v))
                {
                    if (mark[communities[w]] != stamp)
                    {
                        mark[communities[w]] = stamp;
                        distinct++;
                    }
                }
            }

            nodes[v] = new NodeMetrics(graph.Degree(v), betweenness[v], betweenness[v] * scale, communities[v], articulations[v], distinct);
        }

        return new NetworkMetrics(graph, nodes, method, communityCount);
    }

    /// <summary>
    /// Brandes' accumulation from each source (all of them, or a fixed sample), for an undirected unweighted graph:
    /// each pair is counted once. Predecessors are found again from the distances rather than stored. The sources are
    /// walked in parallel by fixed chunks, each with its own buffers, and the chunks summed in order.
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
                $"estimée depuis {sampledSources} acteurs tirés au hasard (graine fixe) parmi {connected.Length} reliés — autant que le permet " +
                $"un budget de {SampleBudget / 1_000_000} millions de parcours de liens, entre {MinSources} et {MaxSources} —, " +
                "puis extrapolée (Brandes et Pich, 2007) : l'ordre des acteurs est fiable, les valeurs sont approchées");
        }

        var partials = new double[Chunks][];
        Parallel.For(0, Chunks, chunk =>
        {
            var from = (int)((long)sources.Length * chunk / Chunks);
            var to = (int)((long)sources.Length * (chunk + 1) / Chunks);
            if (from < to)
            {
                partials[chunk] = Accumulate(graph, sources.AsSpan(from, to - from));
            }
        });

        // Each unordered pair was seen from both of its ends; a sample stands for all the sources.
        var factor = method.Exact ? 0.5 : 0.5 * connected.Length / sources.Length;
        foreach (var partial in partials)
        {
            if (partial is null)
            {
                continue;
            }

            for (var v = 0; v < n; v++)
            {
                result[v] += partial[v];
            }
        }

        for (var v = 0; v < n; v++)
        {
            result[v] *= factor;
        }

        return (result, method);
    }

    private static double[] Accumulate(NetworkGraph graph, ReadOnlySpan<int> sources)
    {
        var n = graph.NodeCount;
        var result = new double[n];
        var sigma = new double[n];
        var distance = new int[n];
        var delta = new double[n];
        var order = new int[n];
        var offsets = graph.Offsets;
        var neighbours = graph.NeighbourArray;
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
                var next = distance[v] + 1;
                var paths = sigma[v];
                for (var k = offsets[v]; k < offsets[v + 1]; k++)
                {
                    var w = neighbours[k];
                    if (distance[w] < 0)
                    {
                        distance[w] = next;
                        order[tail++] = w;
                    }

                    if (distance[w] == next)
                    {
                        sigma[w] += paths;
                    }
                }
            }

            // Back from the farthest: each actor passes its dependency to its predecessors on shortest paths.
            for (var i = tail - 1; i > 0; i--)
            {
                var w = order[i];
                var coefficient = (1 + delta[w]) / sigma[w];
                var previous = distance[w] - 1;
                for (var k = offsets[w]; k < offsets[w + 1]; k++)
                {
                    var v = neighbours[k];
                    if (distance[v] == previous)
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

        return result;
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
    /// until nothing moves. Groups are numbered by decreasing size; isolated actors get -1. Each level's graph is held
    /// in compressed rows (offsets, targets, weights; targets sorted), folded with one accumulator array: no
    /// dictionary nor list per node at 100,000 actors.
    /// </summary>
    /// <returns>Each actor's group (numbered by decreasing size, -1 when isolated) and the number of groups.</returns>
    public static (int[] Communities, int Count) CommunitiesOf(NetworkGraph graph)
    {
        ArgumentNullException.ThrowIfNull(graph);
        var n = graph.NodeCount;

        // Level graph: a self-loop holds twice the weight inside the group it stands for.
        var offsets = (int[])graph.Offsets.Clone();
        var targets = (int[])graph.NeighbourArray.Clone();
        var weights = new double[targets.Length];
        Array.Fill(weights, 1.0);

        var membership = Enumerable.Range(0, n).ToArray();
        for (var level = 0; level < 20; level++)
        {
            var count = offsets.Length - 1;
            var strength = new double[count];
            var total = 0.0;
            for (var v = 0; v < count; v++)
            {
                for (var k = offsets[v]; k < offsets[v + 1]; k++)
                {
                    strength[v] += weights[k];
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
            var touched = new int[count];
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
                    var touchedCount = 0;
                    for (var k = offsets[v]; k < offsets[v + 1]; k++)
                    {
                        var w = targets[k];
                        if (w == v)
                        {
                            continue;
                        }

                        var c = community[w];
                        if (linkWeight[c] == 0)
                        {
                            touched[touchedCount++] = c;
                        }

                        linkWeight[c] += weights[k];
                    }

                    tot[own] -= strength[v];
                    var best = own;
                    var bestGain = linkWeight[own] - tot[own] * strength[v] / total;
                    for (var t = 0; t < touchedCount; t++)
                    {
                        var candidate = touched[t];
                        var gain = linkWeight[candidate] - tot[candidate] * strength[v] / total;
                        if (gain > bestGain + 1e-12 || (Math.Abs(gain - bestGain) <= 1e-12 && candidate < best && best != own))
                        {
                            best = candidate;
                            bestGain = gain;
                        }
                    }

                    for (var t = 0; t < touchedCount; t++)
                    {
                        linkWeight[touched[t]] = 0;
                    }

                    tot[best] += strength[v];
                    if (best != own)
                    {
                        community[v] = best;
                        moved++;
                    }
                }

                // A pass that moves under 1 % of the nodes gains almost nothing (on 100,000 actors the tail of such passes
                // took two thirds of the time): the next level does better, faster. Small graphs run to the end.
                if (moved == 0)
                {
                    break;
                }

                movedAtAll = true;
                if (moved < count / 100)
                {
                    break;
                }
            }

            if (!movedAtAll)
            {
                break;
            }

            // Renumber the groups in order of first appearance, then fold each group into one node of the next level.
            var renumber = new int[count];
            Array.Fill(renumber, -1);
            var groups = 0;
            foreach (var c in community)
            {
                if (renumber[c] < 0)
                {
                    renumber[c] = groups++;
                }
            }

            for (var v = 0; v < n; v++)
            {
                membership[v] = renumber[community[membership[v]]];
            }

            (offsets, targets, weights) = Fold(offsets, targets, weights, community, renumber, groups);
        }

        var sizes = new int[n];
        for (var v = 0; v < n; v++)
        {
            if (graph.Degree(v) > 0)
            {
                sizes[membership[v]]++;
            }
        }

        var present = Enumerable.Range(0, n).Where(c => sizes[c] > 0).OrderByDescending(c => sizes[c]).ThenBy(c => c).ToArray();
        var numbers = new int[n];
        for (var i = 0; i < present.Length; i++)
        {
            numbers[present[i]] = i;
        }

        var result = new int[n];
        for (var v = 0; v < n; v++)
        {
            result[v] = graph.Degree(v) > 0 ? numbers[membership[v]] : -1;
        }

        return (result, present.Length);
    }

    /// <summary>The next level's graph: one node per group, the weights between groups summed, targets sorted.</summary>
    private static (int[] Offsets, int[] Targets, double[] Weights) Fold(int[] offsets, int[] targets, double[] weights,
        int[] community, int[] renumber, int groups)
    {
        var count = offsets.Length - 1;

        // The level's nodes listed group by group (counting sort).
        var start = new int[groups + 1];
        for (var v = 0; v < count; v++)
        {
            start[renumber[community[v]] + 1]++;
        }

        for (var g = 0; g < groups; g++)
        {
            start[g + 1] += start[g];
        }

        var members = new int[count];
        var fill = (int[])start.Clone();
        for (var v = 0; v < count; v++)
        {
            members[fill[renumber[community[v]]]++] = v;
        }

        var sum = new double[groups];
        var seen = new bool[groups];
        var touched = new List<int>();
        var newOffsets = new int[groups + 1];
        var newTargets = new List<int>(targets.Length);
        var newWeights = new List<double>(targets.Length);
        for (var g = 0; g < groups; g++)
        {
            for (var i = start[g]; i < start[g + 1]; i++)
            {
                var v = members[i];
                for (var k = offsets[v]; k < offsets[v + 1]; k++)
                {
                    var to = renumber[community[targets[k]]];
                    if (!seen[to])
                    {
                        seen[to] = true;
                        touched.Add(to);
                    }

                    sum[to] += weights[k];
                }
            }

            touched.Sort();
            foreach (var to in touched)
            {
                newTargets.Add(to);
                newWeights.Add(sum[to]);
                sum[to] = 0;
                seen[to] = false;
            }

            touched.Clear();
            newOffsets[g + 1] = newTargets.Count;
        }

        return (newOffsets, [.. newTargets], [.. newWeights]);
    }
}
