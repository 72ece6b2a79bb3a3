using System.Diagnostics;
using Maillage.Actors;
using Maillage.Data;
using Maillage.Infrastructure;

namespace Maillage.Network;

/// <summary>The network of a territory's relations, read by figures: <c>GET …/network/metrics</c>.</summary>
public static class NetworkApi
{
    public static RouteGroupBuilder MapNetworkApi(this RouteGroupBuilder api)
    {
        var territory = api.MapGroup("/territories/{territoryId:guid}").AddEndpointFilter<TerritoryEndpointFilter>();
        territory.MapGet("/network/metrics", MetricsAsync).WithTags("Réseau")
            .WithSummary("Les figures du réseau des relations : degré, intermédiarité (exacte ou estimée, la méthode est indiquée), " +
                         "points d'articulation, groupes (communautés), acteurs isolés ; et les listes « qui est central / qui fait le pont / " +
                         "qui est isolé », chacune avec une phrase d'explication.");
        return api;
    }

    private static async Task<IResult> MetricsAsync(Guid territoryId, AppDbContext db, CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        var graph = await NetworkGraph.LoadAsync(db, territoryId, cancellationToken);
        var reading = NetworkReading.Of(NetworkMetrics.Compute(graph));
        return TypedResults.Ok(NetworkMetricsDto.Of(reading, watch.ElapsedMilliseconds));
    }
}

public sealed record NetworkMethodDto(string Betweenness, bool BetweennessExact, int BetweennessSources, string Communities, string Bridges);

public sealed record NetworkHighlightDto(Guid ActorId, string Name, string Family, int Degree, double Betweenness, string Explanation)
{
    public static NetworkHighlightDto Of(NetworkHighlight h) => new(h.ActorId, h.Name, h.Family.Code(), h.Degree, h.Betweenness, h.Explanation);
}

public sealed record NetworkCommunityDto(int Number, int Size, IReadOnlyDictionary<string, int> Families, IReadOnlyList<string> Leaders);

public sealed record NetworkMetricsDto(int Actors, int Relations, int Links, int Communities, int IsolatedCount, int ArticulationCount,
    NetworkMethodDto Method, IReadOnlyList<NetworkHighlightDto> Central, IReadOnlyList<NetworkHighlightDto> Bridges,
    IReadOnlyList<NetworkHighlightDto> Isolated, IReadOnlyList<NetworkCommunityDto> Groups, long ElapsedMilliseconds)
{
    public const string CommunitiesMethod = "optimisation de la modularité par la méthode de Louvain (Blondel et al., 2008), acteurs parcourus dans un ordre fixe : déterministe";
    public const string BridgesMethod = "acteurs reliés à plusieurs groupes ou points d'articulation (Hopcroft et Tarjan), classés par intermédiarité";

    public static NetworkMetricsDto Of(NetworkReading reading, long elapsedMilliseconds)
    {
        ArgumentNullException.ThrowIfNull(reading);
        var metrics = reading.Metrics;
        return new NetworkMetricsDto(metrics.Graph.NodeCount, metrics.Graph.Edges.Count, metrics.Graph.LinkCount, metrics.CommunityCount,
            reading.IsolatedCount, reading.ArticulationCount,
            new NetworkMethodDto(metrics.Method.Description, metrics.Method.Exact, metrics.Method.Sources, CommunitiesMethod, BridgesMethod),
            reading.Central.Select(NetworkHighlightDto.Of).ToList(), reading.Bridges.Select(NetworkHighlightDto.Of).ToList(),
            reading.Isolated.Select(NetworkHighlightDto.Of).ToList(),
            reading.Communities.Select(c => new NetworkCommunityDto(c.Number, c.Size,
                c.Families.ToDictionary(f => f.Family.Code(), f => f.Count), c.Leaders)).ToList(),
            elapsedMilliseconds);
    }
}
