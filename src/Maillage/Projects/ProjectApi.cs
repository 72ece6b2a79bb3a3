using System.ComponentModel.DataAnnotations;
using Maillage.Data;
using Maillage.Infrastructure;
using Maillage.Territories;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Maillage.Projects;

/// <summary>
/// Partnership projects under <c>/api/v1/territories/{territoryId}/projects</c>: the frame of source 003, its
/// phases, deliverables and copils. Codes are stable (phases, statuses, themes); French labels come beside them.
/// </summary>
public static class ProjectApi
{
    public const int MaxPageSize = 200;

    public static RouteGroupBuilder MapProjectApi(this RouteGroupBuilder api)
    {
        var territory = api.MapGroup("/territories/{territoryId:guid}").AddEndpointFilter<TerritoryEndpointFilter>();
        var projects = territory.MapGroup("/projects").WithTags("Projets");
        projects.MapGet("/", ListAsync).WithSummary("Les projets du territoire, par nom : recherche (q) et pages (page, pageSize ≤ 200).");
        projects.MapPost("/", CreateAsync).AddEndpointFilter<ValidationFilter<ProjectInput>>()
            .WithSummary("Crée un projet avec son cadre ; ses trois phases (preparation, experimentation, evaluation) sont créées vides.");
        projects.MapGet("/{projectId:guid}", GetAsync).WithSummary("Un projet : cadre, phases, livrables et comités de pilotage.");
        projects.MapPut("/{projectId:guid}", UpdateAsync).AddEndpointFilter<ValidationFilter<ProjectInput>>()
            .WithSummary("Modifie le cadre d'un projet ; version obligatoire pour ne pas écraser une modification concurrente (409).");
        projects.MapDelete("/{projectId:guid}", DeleteAsync).WithSummary("Supprime un projet, ses phases, livrables et comités de pilotage.");
        projects.MapGet("/{projectId:guid}/history", HistoryAsync).WithSummary("L'historique d'un projet et de ses parties.");
        projects.MapPut("/{projectId:guid}/phases/{phase}", UpdatePhaseAsync).AddEndpointFilter<ValidationFilter<PhaseInput>>()
            .WithSummary("Modifie une phase (preparation, experimentation, evaluation) : objectifs, description, mode opératoire, dates ; version obligatoire.");
        projects.MapPost("/{projectId:guid}/deliverables", CreateDeliverableAsync).AddEndpointFilter<ValidationFilter<DeliverableInput>>()
            .WithSummary("Ajoute un livrable à une phase (échéance, responsable, statut prevu, en-cours ou livre).");
        projects.MapPut("/{projectId:guid}/deliverables/{deliverableId:guid}", UpdateDeliverableAsync).AddEndpointFilter<ValidationFilter<DeliverableInput>>()
            .WithSummary("Modifie un livrable (version obligatoire).");
        projects.MapDelete("/{projectId:guid}/deliverables/{deliverableId:guid}", DeleteDeliverableAsync).WithSummary("Supprime un livrable.");
        projects.MapPost("/{projectId:guid}/copils", CreateCopilAsync).AddEndpointFilter<ValidationFilter<CopilInput>>()
            .WithSummary("Ajoute une date de comité de pilotage au planning.");
        projects.MapDelete("/{projectId:guid}/copils/{copilId:guid}", DeleteCopilAsync).WithSummary("Retire une date de comité de pilotage.");
        projects.MapParticipationApi();
        projects.MapVigilanceApi();
        return api;
    }

    private static async Task<IResult> ListAsync(Guid territoryId, string? q, int? page, int? pageSize, AppDbContext db, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        if (page < 1)
        {
            errors["page"] = ["Le numéro de page (page) commence à 1."];
        }

        if (pageSize is < 1 or > MaxPageSize)
        {
            errors["pageSize"] = [$"La taille de page (pageSize) va de 1 à {MaxPageSize}."];
        }

        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }

        var result = await ProjectList.SearchAsync(db, territoryId, q, page ?? 1, pageSize ?? ProjectList.DefaultPageSize, cancellationToken);
        return TypedResults.Ok(new ListResult<ProjectListItem>(result.Items, result.Total));
    }

    private static async Task<IResult> CreateAsync(Guid territoryId, ProjectInput input, AppDbContext db, PerimeterResolver perimeters,
        CancellationToken cancellationToken)
    {
        var project = new Project(territoryId, input.Name!);
        project.Frame(input.ToFrame(perimeters));
        db.Projects.Add(project);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/api/v1/territories/{territoryId}/projects/{project.Id}", ProjectDto.Of(project, perimeters));
    }

    private static async Task<IResult> GetAsync(Guid territoryId, Guid projectId, AppDbContext db, PerimeterResolver perimeters,
        CancellationToken cancellationToken)
    {
        var project = await ProjectLoading.FindAsync(db, territoryId, projectId, tracked: false, cancellationToken);
        return TypedResults.Ok(ProjectDto.Of(project, perimeters));
    }

    private static async Task<IResult> UpdateAsync(Guid territoryId, Guid projectId, ProjectInput input, HttpRequest request, AppDbContext db,
        PerimeterResolver perimeters, CancellationToken cancellationToken)
    {
        var project = await ProjectLoading.FindAsync(db, territoryId, projectId, tracked: true, cancellationToken);
        await db.ExpectVersionAsync(project, input.Version ?? request.IfMatchVersion(), cancellationToken);
        project.Frame(input.ToFrame(perimeters));
        await db.SaveCheckedAsync(cancellationToken);
        return TypedResults.Ok(ProjectDto.Of(project, perimeters));
    }

    private static async Task<IResult> DeleteAsync(Guid territoryId, Guid projectId, long? version, AppDbContext db, CancellationToken cancellationToken)
    {
        var project = await ProjectLoading.FindAsync(db, territoryId, projectId, tracked: true, cancellationToken);
        await db.ExpectVersionAsync(project, version, cancellationToken);
        db.Projects.Remove(project);
        await db.SaveCheckedAsync(cancellationToken);
        return TypedResults.NoContent();
    }

    private static async Task<IResult> HistoryAsync(Guid territoryId, Guid projectId, AppDbContext db, CancellationToken cancellationToken)
    {
        var project = await ProjectLoading.FindAsync(db, territoryId, projectId, tracked: false, cancellationToken);
        var history = await ProjectLoading.HistoryAsync(db, project.Id, 200, cancellationToken);
        return TypedResults.Ok(history.Select(a => new
        {
            a.At, a.UserName, a.EntityType, Action = a.Action.ToString(), a.Version,
            Changes = System.Text.Json.JsonSerializer.Deserialize<List<AuditChange>>(a.Changes),
        }));
    }

    private static async Task<IResult> UpdatePhaseAsync(Guid territoryId, Guid projectId, string phase, PhaseInput input, HttpRequest request,
        AppDbContext db, PerimeterResolver perimeters, CancellationToken cancellationToken)
    {
        if (!ProjectPhases.TryParse(phase, out var kind))
        {
            return Problems.NotFound($"Phase inconnue « {phase} » : {ProjectPhases.ExpectedCodes}.");
        }

        var project = await ProjectLoading.FindAsync(db, territoryId, projectId, tracked: true, cancellationToken);
        var part = project.Phase(kind);
        await db.ExpectVersionAsync(part, input.Version ?? request.IfMatchVersion(), cancellationToken);
        part.Update(input.Objectives, input.Description, input.Method, input.StartDate, input.EndDate);
        await db.SaveCheckedAsync(cancellationToken);
        return TypedResults.Ok(ProjectDto.Of(project, perimeters).Phases.Single(p => p.Phase == kind.Code()));
    }

    private static async Task<IResult> CreateDeliverableAsync(Guid territoryId, Guid projectId, DeliverableInput input, AppDbContext db,
        CancellationToken cancellationToken)
    {
        var project = await ProjectLoading.FindAsync(db, territoryId, projectId, tracked: true, cancellationToken);
        var deliverable = project.AddDeliverable(ProjectPhases.Parse(input.Phase), input.Title!, input.DueDate, input.Owner,
            input.Status is null ? DeliverableStatus.Planned : DeliverableStatuses.Parse(input.Status));
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/api/v1/territories/{territoryId}/projects/{projectId}/deliverables/{deliverable.Id}", DeliverableDto.Of(deliverable));
    }

    private static async Task<IResult> UpdateDeliverableAsync(Guid territoryId, Guid projectId, Guid deliverableId, DeliverableInput input,
        HttpRequest request, AppDbContext db, CancellationToken cancellationToken)
    {
        var deliverable = await db.ProjectDeliverables
            .SingleOrDefaultAsync(d => d.Id == deliverableId && d.ProjectId == projectId && d.TerritoryId == territoryId, cancellationToken);
        if (deliverable is null)
        {
            return Problems.NotFound("Ce livrable n'existe pas dans ce projet.");
        }

        await db.ExpectVersionAsync(deliverable, input.Version ?? request.IfMatchVersion(), cancellationToken);
        deliverable.Update(ProjectPhases.Parse(input.Phase), input.Title!, input.DueDate, input.Owner,
            input.Status is null ? deliverable.Status : DeliverableStatuses.Parse(input.Status));
        await db.SaveCheckedAsync(cancellationToken);
        return TypedResults.Ok(DeliverableDto.Of(deliverable));
    }

    private static async Task<IResult> DeleteDeliverableAsync(Guid territoryId, Guid projectId, Guid deliverableId, AppDbContext db,
        CancellationToken cancellationToken)
    {
        var deleted = await db.ProjectDeliverables.SingleOrDefaultAsync(d => d.Id == deliverableId && d.ProjectId == projectId && d.TerritoryId == territoryId, cancellationToken);
        if (deleted is null)
        {
            return Problems.NotFound("Ce livrable n'existe pas dans ce projet.");
        }

        db.ProjectDeliverables.Remove(deleted);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.NoContent();
    }

    private static async Task<IResult> CreateCopilAsync(Guid territoryId, Guid projectId, CopilInput input, AppDbContext db,
        CancellationToken cancellationToken)
    {
        var project = await ProjectLoading.FindAsync(db, territoryId, projectId, tracked: true, cancellationToken);
        var copil = project.AddCopil(input.Date!.Value, input.Label);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/api/v1/territories/{territoryId}/projects/{projectId}/copils/{copil.Id}", CopilDto.Of(copil));
    }

    private static async Task<IResult> DeleteCopilAsync(Guid territoryId, Guid projectId, Guid copilId, AppDbContext db, CancellationToken cancellationToken)
    {
        var copil = await db.ProjectCopils.SingleOrDefaultAsync(c => c.Id == copilId && c.ProjectId == projectId && c.TerritoryId == territoryId, cancellationToken);
        if (copil is null)
        {
            return Problems.NotFound("Ce comité de pilotage n'existe pas dans ce projet.");
        }

        db.ProjectCopils.Remove(copil);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.NoContent();
    }

    // ---------------------------------------------------------------- contracts

    public sealed class ProjectInput
    {
        [Required(ErrorMessage = "Nom : le nom du projet est obligatoire.")]
        [MaxLength(Project.NameMaxLength, ErrorMessage = "Nom : 200 caractères au plus.")]
        public string? Name { get; set; }

        public string? Motives { get; set; }
        public string? Objectives { get; set; }

        /// <summary>INSEE codes: communes, EPCI (SIREN), départements, <c>region:NN</c>.</summary>
        public List<string>? Perimeter { get; set; }

        public string? Description { get; set; }
        public string? Principles { get; set; }
        public string? Positioning { get; set; }
        public string? OperationalRoles { get; set; }

        /// <summary>Theme codes: insertion, emploi, formation, mobilite, handicap, precarite, environnement, jeunesse.</summary>
        public List<string>? Themes { get; set; }

        public string? TargetPopulation { get; set; }
        public DateOnly? StartDate { get; set; }
        public DateOnly? EndDate { get; set; }
        public bool TargetsCompanies { get; set; }
        public long? Version { get; set; }

        public ProjectFrame ToFrame(PerimeterResolver perimeters)
        {
            ArgumentNullException.ThrowIfNull(perimeters);
            return ToFrame(perimeters.Resolve(Perimeter ?? []));
        }

        public ProjectFrame ToFrame(Territories.Perimeter perimeter) =>
            new(Name ?? "", Motives, Objectives, perimeter, Description, Principles, Positioning,
                OperationalRoles, ProjectThemes.Parse(Themes), TargetPopulation, StartDate, EndDate, TargetsCompanies);

        public static ProjectInput Of(Project project)
        {
            ArgumentNullException.ThrowIfNull(project);
            return new ProjectInput
            {
                Name = project.Name, Motives = project.Motives, Objectives = project.Objectives,
                Perimeter = project.Perimeter.Areas.Select(a => a.ToString()).ToList(), Description = project.Description,
                Principles = project.Principles, Positioning = project.Positioning, OperationalRoles = project.OperationalRoles,
                Themes = project.ThemeList.Select(t => t.Code).ToList(), TargetPopulation = project.TargetPopulation,
                StartDate = project.StartDate, EndDate = project.EndDate, TargetsCompanies = project.TargetsCompanies, Version = project.Version,
            };
        }
    }

    public sealed class PhaseInput
    {
        public string? Objectives { get; set; }
        public string? Description { get; set; }

        /// <summary>Mode opératoire.</summary>
        public string? Method { get; set; }

        public DateOnly? StartDate { get; set; }
        public DateOnly? EndDate { get; set; }
        public long? Version { get; set; }
    }

    public sealed class DeliverableInput
    {
        [Required(ErrorMessage = "Phase : preparation, experimentation ou evaluation.")]
        public string? Phase { get; set; }

        [Required(ErrorMessage = "Livrable : l'intitulé est obligatoire.")]
        public string? Title { get; set; }

        public DateOnly? DueDate { get; set; }
        public string? Owner { get; set; }

        /// <summary>prevu, en-cours or livre; prevu when absent at creation.</summary>
        public string? Status { get; set; }

        public long? Version { get; set; }
    }

    public sealed class CopilInput
    {
        [Required(ErrorMessage = "Date : la date du comité de pilotage est obligatoire.")]
        public DateOnly? Date { get; set; }

        public string? Label { get; set; }
    }
}

public sealed record AreaItem(string Code, string Name, string Detail);

public sealed record ThemeItem(string Code, string Label);

public sealed record PhaseDto(string Phase, string Label, string? Objectives, string? Description, string? Method, DateOnly? StartDate,
    DateOnly? EndDate, long Version);

public sealed record DeliverableDto(Guid Id, string Phase, string Title, DateOnly? DueDate, string? Owner, string Status, string StatusLabel, long Version)
{
    public static DeliverableDto Of(ProjectDeliverable d) =>
        new(d.Id, d.Phase.Code(), d.Title, d.DueDate, d.Owner, d.Status.Code(), d.Status.Label(), d.Version);
}

public sealed record CopilDto(Guid Id, DateOnly Date, string? Label)
{
    public static CopilDto Of(ProjectCopil c) => new(c.Id, c.Date, c.Label);
}

/// <summary>The decision on what follows the project: reconduction, evolution or arret.</summary>
public sealed record FollowUpItem(string Decision, string Label, DateOnly? DecidedOn, string? Note);

public sealed record ProjectDto(
    Guid Id, string Name, string? Motives, string? Objectives, IReadOnlyList<string> Perimeter, IReadOnlyList<AreaItem> PerimeterAreas,
    string? Description, string? Principles, string? Positioning, string? OperationalRoles, IReadOnlyList<ThemeItem> Themes,
    string? TargetPopulation, DateOnly? StartDate, DateOnly? EndDate, bool TargetsCompanies, FollowUpItem? FollowUp,
    IReadOnlyList<PhaseDto> Phases, IReadOnlyList<DeliverableDto> Deliverables, IReadOnlyList<CopilDto> Copils,
    long Version, DateTime CreatedAt, string? CreatedBy, DateTime UpdatedAt, string? UpdatedBy)
{
    public static ProjectDto Of(Project p, PerimeterResolver perimeters)
    {
        ArgumentNullException.ThrowIfNull(p);
        ArgumentNullException.ThrowIfNull(perimeters);
        var perimeter = p.Perimeter;
        return new ProjectDto(p.Id, p.Name, p.Motives, p.Objectives, perimeter.Areas.Select(a => a.ToString()).ToList(),
            perimeters.Describe(perimeter).Select(a => new AreaItem(new PerimeterArea(a.Kind, a.Code).ToString(), a.Name, a.Detail)).ToList(),
            p.Description, p.Principles, p.Positioning, p.OperationalRoles, p.ThemeList.Select(t => new ThemeItem(t.Code, t.Label)).ToList(),
            p.TargetPopulation, p.StartDate, p.EndDate, p.TargetsCompanies,
            p.FollowUp is { } decision ? new FollowUpItem(decision.Code(), decision.Label(), p.FollowUpDecidedOn, p.FollowUpNote) : null,
            p.Phases.OrderBy(x => x.Kind).Select(x => new PhaseDto(x.Kind.Code(), x.Kind.Label(), x.Objectives, x.Description, x.Method,
                x.StartDate, x.EndDate, x.Version)).ToList(),
            ProjectLoading.Ordered(p.Deliverables).Select(DeliverableDto.Of).ToList(),
            p.Copils.OrderBy(c => c.Date).Select(CopilDto.Of).ToList(),
            p.Version, p.CreatedAt, p.CreatedBy, p.UpdatedAt, p.UpdatedBy);
    }
}
