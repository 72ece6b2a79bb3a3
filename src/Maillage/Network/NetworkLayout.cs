namespace Maillage.Network;

/// <summary>A node's place on the map and its size.</summary>
public readonly record struct NodePosition(double X, double Y, double Size);

/// <summary>
/// Places the map's nodes on the server, in linear time, so that the browser draws 100,000 actors at once instead
/// of running a force layout: each community is a disc (its most linked actors at its centre, then outwards on a
/// sunflower spiral), communities are laid out on a spiral from the largest, and the isolated actors form a last
/// disc apart. The same graph always gets the same picture.
/// </summary>
public static class NetworkLayout
{
    private static readonly double GoldenAngle = Math.PI * (3 - Math.Sqrt(5));

    public static NodePosition[] Compute(NetworkMetrics metrics)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        return Compute(metrics.Graph, [.. metrics.Nodes.Select(m => m.Community)]);
    }

    /// <summary>The positions need only each actor's group and degree: the map does not wait for the betweenness.</summary>
    public static NodePosition[] Compute(NetworkGraph graph, IReadOnlyList<int> communities)
    {
        ArgumentNullException.ThrowIfNull(graph);
        ArgumentNullException.ThrowIfNull(communities);
        var n = graph.NodeCount;
        var positions = new NodePosition[n];
        if (n == 0)
        {
            return positions;
        }

        var maxDegree = Math.Max(1, Enumerable.Range(0, n).Max(graph.Degree));
        var groups = Enumerable.Range(0, n)
            .GroupBy(v => communities[v])
            .OrderBy(g => g.Key < 0 ? int.MaxValue : g.Key)
            .Select(g => g.OrderByDescending(graph.Degree).ThenBy(v => v).ToArray())
            .ToList();

        var area = 0.0;
        for (var c = 0; c < groups.Count; c++)
        {
            var members = groups[c];
            var radius = Math.Sqrt(members.Length);

            // Discs of growing rank placed on a spiral whose radius follows the area already used.
            var distance = c == 0 ? 0 : Math.Sqrt(area) * 1.15 + radius;
            var angle = c * GoldenAngle;
            var (cx, cy) = (distance * Math.Cos(angle), distance * Math.Sin(angle));
            area += (radius + 1) * (radius + 1) * Math.PI;
            for (var k = 0; k < members.Length; k++)
            {
                var r = Math.Sqrt(k + 0.5);
                var a = k * GoldenAngle;
                var degree = graph.Degree(members[k]);
                positions[members[k]] = new NodePosition(
                    Math.Round(cx + r * Math.Cos(a), 3),
                    Math.Round(cy + r * Math.Sin(a), 3),
                    Math.Round(2 + 10 * Math.Sqrt((double)degree / maxDegree), 2));
            }
        }

        return positions;
    }
}
