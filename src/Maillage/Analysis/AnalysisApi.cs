using Maillage.Data;
using Maillage.Infrastructure;
using Maillage.Territories;
using Microsoft.EntityFrameworkCore;

namespace Maillage.Analysis;

/// <summary>The environment analyses' JSON API under <c>/api/v1/territories/{territoryId}/environment-analyses</c>.</summary>
public static class AnalysisApi
{
    public static RouteGroupBuilder MapAnalysisApi(this RouteGroupBuilder api)
    {
        var analyses = api.MapGroup("/territories/{territoryId:guid}/environment-analyses").AddEndpointFilter<TerritoryEndpointFilter>()
            .WithTags("Analyse de l'environnement");
        analyses.MapGet("/", ListAsync).WithSummary("Les analyses de l'environnement du territoire (page, pageSize ≤ 100).");
        analyses.MapPost("/", CreateAsync).AddEndpointFilter<ValidationFilter<AnalysisForm>>().RequireTerritoryRole(TerritoryRole.Pilote)
            .WithSummary("Crée une analyse : title, organisation, answers (14), internalMet/internalNotes (6), externalMet/externalNotes (6), way (seul, initiateur, en-reponse, contraint) et reasons.");
        analyses.MapGet("/{analysisId:guid}", GetAsync).WithSummary("Une analyse, avec les questions et les conditions de la grille.");
        analyses.MapPut("/{analysisId:guid}", UpdateAsync).AddEndpointFilter<ValidationFilter<AnalysisForm>>().RequireTerritoryRole(TerritoryRole.Pilote)
            .WithSummary("Remplace le contenu de l'analyse (version obligatoire, 409 si elle a changé).");
        analyses.MapDelete("/{analysisId:guid}", DeleteAsync).RequireTerritoryRole(TerritoryRole.Pilote).WithSummary("Supprime une analyse.");
        return api;
    }

    private static async Task<IResult> ListAsync(Guid territoryId, int? page, int? pageSize, AppDbContext db, CancellationToken cancellationToken)
    {
        if (page < 1 || pageSize is < 1 or > 100)
        {
            return Problems.Validation(new Dictionary<string, string[]> { ["page"] = ["page commence à 1 ; pageSize va de 1 à 100."] });
        }

        var size = pageSize ?? 50;
        var query = db.EnvironmentAnalyses.AsNoTracking().Where(a => a.TerritoryId == territoryId);
        var total = await query.CountAsync(cancellationToken);
        var items = await query.OrderBy(a => a.Title).ThenBy(a => a.Id).Skip(((page ?? 1) - 1) * size).Take(size).ToListAsync(cancellationToken);
        return TypedResults.Ok(new ListResult<AnalysisDto>([.. items.Select(AnalysisDto.Of)], total));
    }

    private static async Task<IResult> CreateAsync(Guid territoryId, AnalysisForm input, AppDbContext db, CancellationToken cancellationToken)
    {
        var analysis = new EnvironmentAnalysis(territoryId, input.Title!, input.Organisation);
        input.ApplyTo(analysis);
        db.EnvironmentAnalyses.Add(analysis);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/api/v1/territories/{territoryId}/environment-analyses/{analysis.Id}", AnalysisDto.Of(analysis));
    }

    private static async Task<IResult> GetAsync(Guid territoryId, Guid analysisId, AppDbContext db, CancellationToken cancellationToken) =>
        TypedResults.Ok(AnalysisDto.Of(await AnalysisLookup.FindAsync(db, territoryId, analysisId, tracked: false, cancellationToken)));

    private static async Task<IResult> UpdateAsync(Guid territoryId, Guid analysisId, AnalysisForm input, AppDbContext db, CancellationToken cancellationToken)
    {
        if (input.Version is null)
        {
            return Problems.Validation(new Dictionary<string, string[]> { ["version"] = ["La version lue avant la modification (version) est obligatoire."] });
        }

        var analysis = await AnalysisLookup.FindAsync(db, territoryId, analysisId, tracked: true, cancellationToken);
        await db.ExpectVersionAsync(analysis, input.Version, cancellationToken);
        input.ApplyTo(analysis);
        await db.SaveCheckedAsync(cancellationToken);
        return TypedResults.Ok(AnalysisDto.Of(analysis));
    }

    private static async Task<IResult> DeleteAsync(Guid territoryId, Guid analysisId, long? version, AppDbContext db, CancellationToken cancellationToken)
    {
        var analysis = await AnalysisLookup.FindAsync(db, territoryId, analysisId, tracked: true, cancellationToken);
        await db.ExpectVersionAsync(analysis, version, cancellationToken);
        db.EnvironmentAnalyses.Remove(analysis);
        await db.SaveCheckedAsync(cancellationToken);
        return TypedResults.NoContent();
    }

    public sealed record QuestionDto(int Number, string Question, string? Answer);

    public sealed record ConditionDto(int Number, string Name, string Quote, bool Met, string? Note);

    public sealed record AnalysisDto(Guid Id, string Title, string? Organisation, IReadOnlyList<QuestionDto> Questions,
        IReadOnlyList<ConditionDto> InternalConditions, IReadOnlyList<ConditionDto> ExternalConditions, string? Way, string? WayLabel, string? Reasons,
        DateTime UpdatedAt, long Version)
    {
        public static AnalysisDto Of(EnvironmentAnalysis a) => new(a.Id, a.Title, a.Organisation,
            [.. EnvironmentGrid.Questions.Select((q, i) => new QuestionDto(i + 1, q, a.Answers[i]))],
            [.. EnvironmentGrid.InternalConditions.Select((c, i) => new ConditionDto(i + 1, c.Name, c.Quote, a.InternalMet[i], a.InternalNotes[i]))],
            [.. EnvironmentGrid.ExternalConditions.Select((c, i) => new ConditionDto(i + 1, c.Name, c.Quote, a.ExternalMet[i], a.ExternalNotes[i]))],
            a.Way?.Code(), a.Way?.Label(), a.Reasons, a.UpdatedAt, a.Version);
    }
}
