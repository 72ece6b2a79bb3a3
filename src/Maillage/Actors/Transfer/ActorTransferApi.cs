using Maillage.Data;
using Maillage.Infrastructure;
using Maillage.Territories;
using Maillage.Territories.Reference;
using Microsoft.EntityFrameworkCore;

namespace Maillage.Actors.Transfer;

/// <summary>The directory leaving Maillage (export) and the public bodies entering it from the INSEE reference.</summary>
public static class ActorTransferApi
{
    public static RouteGroupBuilder MapActorTransferApi(this RouteGroupBuilder api)
    {
        var territory = api.MapGroup("/territories/{territoryId:guid}").AddEndpointFilter<TerritoryEndpointFilter>().WithTags("Acteurs");
        territory.MapGet("/actors/export", ExportAsync).RequireTerritoryRole(TerritoryRole.Lecteur)
            .Produces(StatusCodes.Status200OK, (Type?)null, ExportFormat.Xlsx.ContentType(), ExportFormat.Csv.ContentType(), ExportFormat.Json.ContentType())
            .WithSummary("Exporte l'annuaire avec ses filtres (q, family, subtype, commune, competence, mode) : format = xlsx (défaut), " +
                         "csv (Excel français : « ; », UTF-8 avec BOM, formules neutralisées) ou json (tableau d'objets nommés comme l'API). " +
                         "Les colonnes sont celles de l'import ; le fichier arrive au fil de la lecture, sans limite de lignes.");
        territory.MapGet("/public-actors", PlanAsync).RequireTerritoryRole(TerritoryRole.Pilote)
            .WithSummary("Ce que la création des acteurs publics ferait : nombres à créer et déjà présents, par nature.");
        territory.MapPost("/public-actors", CreatePublicActorsAsync).RequireTerritoryRole(TerritoryRole.Pilote)
            .WithSummary("Crée les acteurs publics du périmètre depuis le référentiel INSEE : communes, EPCI, départements et régions " +
                         "(famille pouvoirs-publics, SIREN), chaque commune « membre de » son EPCI. Idempotent : répond les nombres créés et déjà présents.");
        return api;
    }

    private static async Task<IResult> ExportAsync(Guid territoryId, string? format, string? q, string? family, string? subtype,
        string? commune, string? competence, string[]? mode, AppDbContext db, InseeReference reference, CurrentTerritory current,
        TimeProvider time, HttpContext http)
    {
        var (query, errors) = ActorApi.ReadDirectoryQuery(q, family, subtype, commune, competence, mode, null, reference);
        if (!ExportFormats.TryParse(format, out var exportFormat))
        {
            errors["format"] = [$"Format inconnu « {format} » : {ExportFormats.ExpectedCodes}."];
        }

        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }

        IQueryable<Actor>? filtered;
        try
        {
            filtered = await new ActorExport(db, reference).FilterAsync(territoryId, query, http.RequestAborted);
        }
        catch (DomainException e)
        {
            return Problems.Unprocessable(e.Message);
        }

        var fileName = ActorExport.FileName(current.Required.Name, time.GetUtcNow(), exportFormat);
        return TypedResults.Stream(
            stream => ActorExport.WriteAsync(filtered, exportFormat, stream, http.RequestAborted),
            exportFormat.ContentType(), fileName);
    }

    private static async Task<IResult> PlanAsync(Guid territoryId, AppDbContext db, InseeReference reference, CancellationToken cancellationToken)
    {
        var plan = await new PublicActors(db, reference).PlanAsync(territoryId, cancellationToken);
        return TypedResults.Ok(PublicActorsPlanDto.Of(plan));
    }

    private static async Task<IResult> CreatePublicActorsAsync(Guid territoryId, AppDbContext db, InseeReference reference,
        CancellationToken cancellationToken)
    {
        var result = await new PublicActors(db, reference).CreateAsync(territoryId, cancellationToken);
        return TypedResults.Ok(PublicActorsDto.Of(result));
    }

    public sealed record PublicActorCountsDto(int Communes, int Epci, int Departements, int Regions, int Actors, int Relations)
    {
        public static PublicActorCountsDto Of(PublicActorCounts c) => new(c.Communes, c.Epcis, c.Departements, c.Regions, c.Actors, c.Relations);
    }

    /// <summary>What was created and what was already present, with the report a person reads.</summary>
    public sealed record PublicActorsDto(PublicActorCountsDto Created, PublicActorCountsDto AlreadyPresent, string Message)
    {
        public static PublicActorsDto Of(PublicActorsPlan done) =>
            new(PublicActorCountsDto.Of(done.ToCreate), PublicActorCountsDto.Of(done.AlreadyPresent), PublicActorsReport.Describe(done));
    }

    /// <summary>What a creation would do now.</summary>
    public sealed record PublicActorsPlanDto(PublicActorCountsDto ToCreate, PublicActorCountsDto AlreadyPresent)
    {
        public static PublicActorsPlanDto Of(PublicActorsPlan plan) => new(PublicActorCountsDto.Of(plan.ToCreate), PublicActorCountsDto.Of(plan.AlreadyPresent));
    }
}
