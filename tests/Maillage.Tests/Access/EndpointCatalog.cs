using System.Reflection;
using Maillage.Infrastructure;
using Maillage.Territories;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.RazorPages.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.DependencyInjection;

namespace Maillage.Tests.Access;

public enum EndpointKind
{
    Page,
    Api,
}

/// <summary>One request a person can make: a page handler or an API operation, with the role it needs.</summary>
public sealed record EndpointCase(
    EndpointKind Kind,
    string Method,
    RoutePattern Pattern,
    string Display,
    bool AllowsAnonymous,
    TerritoryRole? Required,
    string? Handler,
    bool SendsJson,
    IReadOnlyList<string> QueryParameters)
{
    public bool InTerritory => Pattern.GetParameter("territoryId") is not null;

    public override string ToString() => $"{Method} {Pattern.RawText}{(Handler is null ? "" : "?handler=" + Handler)} ({Display})";

    /// <summary>
    /// The URL with route values filled from <paramref name="values"/> (by parameter name); parameters without a
    /// value get a fresh id, listed in <paramref name="unresolved"/>.
    /// </summary>
    public string Url(IReadOnlyDictionary<string, string> values, out List<string> unresolved)
    {
        unresolved = [];
        var segments = new List<string>();
        foreach (var segment in Pattern.PathSegments)
        {
            var text = "";
            foreach (var part in segment.Parts)
            {
                switch (part)
                {
                    case RoutePatternLiteralPart literal:
                        text += literal.Content;
                        break;
                    case RoutePatternSeparatorPart separator:
                        text += separator.Content;
                        break;
                    case RoutePatternParameterPart parameter when values.TryGetValue(parameter.Name, out var value):
                        text += Uri.EscapeDataString(value);
                        break;
                    case RoutePatternParameterPart { IsOptional: true }:
                        break;
                    case RoutePatternParameterPart parameter:
                        unresolved.Add(parameter.Name);
                        var isInt = parameter.ParameterPolicies.Any(p => p.Content is "int" or "long");
                        text += isInt ? "1" : Guid.NewGuid().ToString();
                        break;
                }
            }

            if (text.Length > 0)
            {
                segments.Add(text);
            }
        }

        var query = new List<string>();
        if (Handler is not null)
        {
            query.Add("handler=" + Uri.EscapeDataString(Handler));
        }

        foreach (var name in QueryParameters)
        {
            if (values.TryGetValue(name, out var value))
            {
                query.Add(name + "=" + Uri.EscapeDataString(value));
            }
        }

        return "/" + string.Join('/', segments) + (query.Count > 0 ? "?" + string.Join('&', query) : "");
    }
}

/// <summary>
/// Every page handler and API operation, read from the app's endpoint data source: a new page or endpoint is
/// covered without anyone adding it to a list (docs/decisions/0003-access-control.md).
/// </summary>
public sealed class EndpointCatalog
{
    private EndpointCatalog(List<EndpointCase> cases, List<string> problems, List<RouteEndpoint> territoryEndpoints)
    {
        Cases = cases;
        Problems = problems;
        TerritoryEndpoints = territoryEndpoints;
    }

    public IReadOnlyList<EndpointCase> Cases { get; }

    /// <summary>Pages of a territory that do not declare the roles they require.</summary>
    public IReadOnlyList<string> Problems { get; }

    /// <summary>The raw endpoints whose route holds <c>{territoryId}</c>, counted straight from the data source.</summary>
    public IReadOnlyList<RouteEndpoint> TerritoryEndpoints { get; }

    public static async Task<EndpointCatalog> ReadAsync(IServiceProvider services)
    {
        var loader = services.GetRequiredService<PageLoader>();
        var cases = new List<EndpointCase>();
        var problems = new List<string>();
        var endpoints = services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>().ToList();
        foreach (var endpoint in endpoints)
        {
            var inTerritory = endpoint.RoutePattern.GetParameter("territoryId") is not null;
            if (endpoint.Metadata.GetMetadata<PageActionDescriptor>() is { } descriptor)
            {
                var page = descriptor as CompiledPageActionDescriptor ?? await loader.LoadAsync(descriptor, endpoint.Metadata);
                var declared = page.ModelTypeInfo?.GetCustomAttribute<TerritoryPageAttribute>(inherit: true);
                if (inTerritory && declared is null)
                {
                    problems.Add($"{page.ViewEnginePath} ({endpoint.RoutePattern.RawText}) : la page n'a pas d'attribut [TerritoryPage]");
                }

                var anonymous = page.EndpointMetadata.OfType<IAllowAnonymous>().Any();
                cases.Add(new EndpointCase(EndpointKind.Page, "GET", endpoint.RoutePattern, page.ViewEnginePath, anonymous,
                    inTerritory ? declared?.Read : null, null, false, []));
                foreach (var handler in page.HandlerMethods)
                {
                    var method = handler.HttpMethod.ToUpperInvariant();
                    if (method == "GET" && handler.Name is null)
                    {
                        continue;
                    }

                    var required = method is "GET" or "HEAD" ? declared?.Read : declared?.Write;
                    cases.Add(new EndpointCase(EndpointKind.Page, method, endpoint.RoutePattern, page.ViewEnginePath, anonymous,
                        inTerritory ? required : null, handler.Name, false, []));
                }
            }
            else if (endpoint.RoutePattern.RawText?.TrimStart('/').StartsWith("api/", StringComparison.Ordinal) == true)
            {
                var routeParameters = endpoint.RoutePattern.Parameters.Select(p => p.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
                var query = endpoint.Metadata.GetMetadata<MethodInfo>()?.GetParameters()
                    .Where(p => p.Name is not null && !routeParameters.Contains(p.Name)
                                && (p.ParameterType == typeof(string) || Nullable.GetUnderlyingType(p.ParameterType) is not null || p.ParameterType.IsPrimitive || p.ParameterType == typeof(Guid)))
                    .Select(p => p.Name!).ToList() ?? [];
                var anonymous = endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null;
                var json = endpoint.Metadata.GetMetadata<IAcceptsMetadata>() is not null;
                foreach (var method in endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["GET"])
                {
                    TerritoryRole? required = inTerritory
                        ? endpoint.Metadata.GetMetadata<TerritoryRoleRequirement>()?.Role
                          ?? (HttpMethods.IsGet(method) ? TerritoryRole.Lecteur : TerritoryRole.Pilote)
                        : null;
                    cases.Add(new EndpointCase(EndpointKind.Api, method.ToUpperInvariant(), endpoint.RoutePattern,
                        endpoint.DisplayName ?? endpoint.RoutePattern.RawText!, anonymous, required, null, json && !HttpMethods.IsGet(method), query));
                }
            }
        }

        return new EndpointCatalog(cases, problems, endpoints.Where(e => e.RoutePattern.GetParameter("territoryId") is not null).ToList());
    }
}
