using Maillage.Infrastructure;

namespace Maillage.Territories.Reference;

public static class ReferenceApi
{
    public sealed record CommuneDto(string Code, string Name, IReadOnlyList<string> PostalCodes, string Departement, string Region,
        string? Epci, string? Siren, int Population);

    public sealed record EpciDto(string Siren, string Name, string Nature, int Population, IReadOnlyList<CommuneDto> Communes);

    public sealed record AreaDto(string Kind, string Code, string Name, string Detail, string PerimeterCode);

    public static RouteGroupBuilder MapReferenceApi(this RouteGroupBuilder api)
    {
        var reference = api.MapGroup("/reference").WithTags("Référentiel INSEE 2026");

        reference.MapGet("/communes", (string? q, int? limit, InseeReference insee) =>
                TypedResults.Ok(new
                {
                    items = string.IsNullOrWhiteSpace(q) ? [] : insee.SearchCommunes(q, Math.Clamp(limit ?? 20, 1, 100)).Select(ToDto).ToList(),
                }))
            .WithSummary("Cherche des communes par nom, code postal ou code INSEE.");

        reference.MapGet("/epci/{siren}", IResult (string siren, InseeReference insee) =>
                insee.FindEpci(siren) is { } epci
                    ? TypedResults.Ok(new EpciDto(epci.Siren, epci.Name, epci.Nature, epci.Population,
                        epci.MemberCodes.Select(insee.FindCommune).OfType<Commune>().Select(ToDto).ToList()))
                    : Problems.NotFound($"Aucun EPCI de SIREN {siren} dans le référentiel 2026."))
            .WithSummary("Un EPCI et ses communes membres.");

        reference.MapGet("/areas", (string? q, int? limit, InseeReference insee) =>
                TypedResults.Ok(new
                {
                    items = string.IsNullOrWhiteSpace(q)
                        ? []
                        : insee.SearchAreas(q, Math.Clamp(limit ?? 20, 1, 100))
                            .Select(a => new AreaDto(KindCode(a.Kind), a.Code, a.Name, a.Detail, new Territories.PerimeterArea(a.Kind, a.Code).ToString()))
                            .ToList(),
                }))
            .WithSummary("Cherche communes, EPCI, départements et régions pour composer un périmètre.");
        return api;
    }

    public static string KindCode(AreaKind kind) => kind switch
    {
        AreaKind.Commune => "commune",
        AreaKind.Epci => "epci",
        AreaKind.Departement => "departement",
        _ => "region",
    };

    private static CommuneDto ToDto(Commune c) =>
        new(c.Code, c.Name, c.PostalCodes, c.DepartementCode, c.RegionCode, c.EpciSiren, c.Siren, c.Population);
}
