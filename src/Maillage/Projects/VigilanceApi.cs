using Maillage.Data;
using Maillage.Infrastructure;
using Maillage.Territories;
using Microsoft.EntityFrameworkCore;

namespace Maillage.Projects;

/// <summary>
/// The points de vigilance of a project and of the territory's projects, and the decision on what follows a project
/// once it ends. Each point carries a stable <c>code</c> (see <see cref="VigilanceRules.Codes"/>).
/// </summary>
public static class VigilanceApi
{
    public static RouteGroupBuilder MapVigilanceApi(this RouteGroupBuilder projects)
    {
        projects.MapGet("/vigilance", TerritoryAsync)
            .WithSummary("Les points de vigilance des projets du territoire, projet par projet, par nom (pages : page, pageSize ≤ 200).");
        projects.MapGet("/{projectId:guid}/vigilance", ProjectAsync)
            .WithSummary("Les points de vigilance d'un projet, les plus graves d'abord : code stable, gravité (critique, attention, information), message, raison citée de la source, page où le corriger.");
        projects.MapPut("/{projectId:guid}/follow-up", FollowUpAsync).AddEndpointFilter<ValidationFilter<FollowUpInput>>()
            .WithSummary("Enregistre la suite donnée au partenariat (reconduction, evolution, arret ; vide pour retirer la décision), sa date et ses motifs ; version obligatoire.");
        return projects;
    }

    private static async Task<IResult> ProjectAsync(Guid territoryId, Guid projectId, VigilanceLoading vigilance, CancellationToken cancellationToken) =>
        TypedResults.Ok((await vigilance.ForProjectAsync(territoryId, projectId, cancellationToken)).Select(VigilanceDto.Of).ToList());

    private static async Task<IResult> TerritoryAsync(Guid territoryId, int? page, int? pageSize, AppDbContext db, VigilanceLoading vigilance,
        CancellationToken cancellationToken)
    {
        if (page < 1 || pageSize is < 1 or > ProjectApi.MaxPageSize)
        {
            return Problems.Validation(new Dictionary<string, string[]>
            {
                ["page"] = [$"Le numéro de page (page) commence à 1 et la taille de page (pageSize) va de 1 à {ProjectApi.MaxPageSize}."],
            });
        }

        var dashboard = await VigilanceDashboard.LoadAsync(db, vigilance, territoryId, page ?? 1, pageSize ?? VigilanceDashboard.DefaultPageSize, cancellationToken);
        return TypedResults.Ok(new ListResult<ProjectVigilanceDto>(
            dashboard.Projects.Select(p => new ProjectVigilanceDto(p.Id, p.Name, p.EndDate, p.Points.Select(VigilanceDto.Of).ToList())).ToList(),
            dashboard.Total));
    }

    private static async Task<IResult> FollowUpAsync(Guid territoryId, Guid projectId, FollowUpInput input, HttpRequest request, AppDbContext db,
        PerimeterResolver perimeters, CancellationToken cancellationToken)
    {
        var project = await ProjectLoading.FindAsync(db, territoryId, projectId, tracked: true, cancellationToken);
        await db.ExpectVersionAsync(project, input.Version ?? request.IfMatchVersion(), cancellationToken);
        project.DecideFollowUp(FollowUpDecisions.Parse(input.Decision), input.DecidedOn, input.Note);
        await db.SaveCheckedAsync(cancellationToken);
        return TypedResults.Ok(ProjectDto.Of(project, perimeters));
    }

    public sealed class FollowUpInput
    {
        /// <summary>reconduction, evolution or arret; empty to withdraw the decision.</summary>
        public string? Decision { get; set; }

        public DateOnly? DecidedOn { get; set; }
        public string? Note { get; set; }
        public long? Version { get; set; }
    }
}

public sealed record VigilanceDto(string Code, string Severity, string SeverityLabel, string Message, string Reason, string Source, string FixUrl)
{
    public static VigilanceDto Of(PointDeVigilance point)
    {
        ArgumentNullException.ThrowIfNull(point);
        return new(point.Code, point.Severity.Code(), point.Severity.Label(), point.Message, point.Reason, point.Source, point.FixUrl);
    }
}

public sealed record ProjectVigilanceDto(Guid ProjectId, string Name, DateOnly? EndDate, IReadOnlyList<VigilanceDto> Points);

/// <summary>A project on the territory's dashboard with its points.</summary>
public sealed record ProjectVigilance(Guid Id, string Name, DateOnly? StartDate, DateOnly? EndDate, IReadOnlyList<PointDeVigilance> Points)
{
    public int Count(VigilanceSeverity severity) => Points.Count(p => p.Severity == severity);
}

/// <summary>The territory's projects, paged by name in the database, each with its points de vigilance.</summary>
public sealed record VigilanceDashboard(IReadOnlyList<ProjectVigilance> Projects, int Total, int Page, int PageSize)
{
    public const int DefaultPageSize = 20;

    public int PageCount => Math.Max(1, (Total + PageSize - 1) / PageSize);

    public static async Task<VigilanceDashboard> LoadAsync(AppDbContext db, VigilanceLoading vigilance, Guid territoryId, int page, int pageSize,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(vigilance);
        var query = db.Projects.AsNoTracking().Where(p => p.TerritoryId == territoryId);
        var total = await query.CountAsync(cancellationToken);
        var projects = await ProjectLoading.WithParts(query.OrderBy(p => p.Name).ThenBy(p => p.Id).Skip((page - 1) * pageSize).Take(pageSize))
            .ToListAsync(cancellationToken);
        var points = await vigilance.EvaluateAsync(territoryId, projects, roles: null, cancellationToken);
        return new VigilanceDashboard(projects.Select(p => new ProjectVigilance(p.Id, p.Name, p.StartDate, p.EndDate, points[p.Id])).ToList(), total, page, pageSize);
    }
}
