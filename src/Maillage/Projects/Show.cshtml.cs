using Maillage.Data;
using Maillage.Infrastructure;
using Maillage.Territories;
using Maillage.Territories.Reference;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Maillage.Projects;

/// <summary>
/// A project read like the frame of source 003, with its planning; the pilote adds deliverables and copil dates here.
/// </summary>
[TerritoryPage(TerritoryRole.Lecteur, TerritoryRole.Pilote)]
public sealed class ShowModel(AppDbContext db, PerimeterResolver perimeters, VigilanceLoading vigilance, CurrentTerritory current) : PageModel
{
    public const int HistoryLength = 30;

    public Project Project { get; private set; } = null!;
    public IReadOnlyList<AreaRef> PerimeterAreas { get; private set; } = [];
    public ProjectTimeline? Timeline { get; private set; }
    public IReadOnlyList<AuditEntry> History { get; private set; } = [];
    /// <summary>How many partners hold each role, counted by the database, in the order roles first appeared.</summary>
    public IReadOnlyList<(string Role, int Count)> RoleCounts { get; private set; } = [];
    public ParticipationRoleCatalog Roles { get; private set; } = ParticipationRoleCatalog.DefaultsOnly;
    public IReadOnlyList<PointDeVigilance> Vigilance { get; private set; } = [];
    public DateOnly Today => vigilance.Today;

    /// <summary>The follow-up form as posted when it was refused, so that nothing typed is lost.</summary>
    public (string? Decision, DateOnly? DecidedOn, string? Note)? PostedFollowUp { get; private set; }
    public bool CanEdit => current.Required.Can(TerritoryRole.Pilote);

    public sealed record CibleRow(Guid Id, string Name, int Actors);

    /// <summary>The project's cibles (issue 5: « la cible, for a project or for the organisation »).</summary>
    public IReadOnlyList<CibleRow> Cibles { get; private set; } = [];

    /// <summary>The phase whose deliverable form was posted with an error, to show it beside that form.</summary>
    public ProjectPhaseKind? FailedPhase { get; private set; }

    [TempData]
    public string? StatusMessage { get; set; }

    public async Task OnGetAsync(Guid territoryId, Guid projectId, CancellationToken cancellationToken) =>
        await LoadAsync(territoryId, projectId, cancellationToken);

    public async Task<IActionResult> OnPostAddDeliverableAsync(Guid territoryId, Guid projectId, string? phase, string? title, DateOnly? dueDate,
        string? owner, CancellationToken cancellationToken)
    {
        var project = await ProjectLoading.FindAsync(db, territoryId, projectId, tracked: true, cancellationToken);
        if (!ProjectPhases.TryParse(phase, out var kind))
        {
            return NotFound();
        }

        if (!ProjectFieldErrors.Try(ModelState, () => project.AddDeliverable(kind, title ?? "", dueDate, owner, DeliverableStatus.Planned), "Livrable"))
        {
            FailedPhase = kind;
            db.ChangeTracker.Clear();
            await LoadAsync(territoryId, projectId, cancellationToken);
            return Page();
        }

        await db.SaveChangesAsync(cancellationToken);
        StatusMessage = $"Livrable « {title!.Trim()} » ajouté à la phase « {kind.ShortLabel()} ».";
        return Redirect($"/territoires/{territoryId}/projets/{projectId}#phase-{kind.Code()}");
    }

    public async Task<IActionResult> OnPostDeliverableStatusAsync(Guid territoryId, Guid projectId, Guid deliverableId, string? status, long? version,
        CancellationToken cancellationToken)
    {
        var project = await ProjectLoading.FindAsync(db, territoryId, projectId, tracked: true, cancellationToken);
        var deliverable = project.Deliverables.SingleOrDefault(d => d.Id == deliverableId);
        if (deliverable is null)
        {
            return NotFound();
        }

        try
        {
            await db.ExpectVersionAsync(deliverable, version, cancellationToken);
            if (!ProjectFieldErrors.Try(ModelState, () => deliverable.SetStatus(DeliverableStatuses.Parse(status)), "Livrable"))
            {
                db.ChangeTracker.Clear();
                await LoadAsync(territoryId, projectId, cancellationToken);
                return Page();
            }

            await db.SaveCheckedAsync(cancellationToken);
        }
        catch (ConcurrencyConflictException)
        {
            db.ChangeTracker.Clear();
            await LoadAsync(territoryId, projectId, cancellationToken);
            throw;
        }

        StatusMessage = $"Livrable « {deliverable.Title} » : {deliverable.Status.Label().ToLowerInvariant()}.";
        return Redirect($"/territoires/{territoryId}/projets/{projectId}#phase-{deliverable.Phase.Code()}");
    }

    public async Task<IActionResult> OnPostDeleteDeliverableAsync(Guid territoryId, Guid projectId, Guid deliverableId, CancellationToken cancellationToken)
    {
        var project = await ProjectLoading.FindAsync(db, territoryId, projectId, tracked: true, cancellationToken);
        var deliverable = project.Deliverables.SingleOrDefault(d => d.Id == deliverableId);
        if (deliverable is null)
        {
            return NotFound();
        }

        db.ProjectDeliverables.Remove(deliverable);
        await db.SaveChangesAsync(cancellationToken);
        StatusMessage = $"Livrable « {deliverable.Title} » supprimé.";
        return Redirect($"/territoires/{territoryId}/projets/{projectId}#phase-{deliverable.Phase.Code()}");
    }

    public async Task<IActionResult> OnPostAddCopilAsync(Guid territoryId, Guid projectId, DateOnly? date, string? label, CancellationToken cancellationToken)
    {
        var project = await ProjectLoading.FindAsync(db, territoryId, projectId, tracked: true, cancellationToken);
        if (date is null)
        {
            ModelState.AddModelError("Copil.Date", "Date : la date du comité de pilotage est obligatoire.");
        }
        else
        {
            ProjectFieldErrors.Try(ModelState, () => project.AddCopil(date.Value, label), "Copil");
        }

        if (!ModelState.IsValid)
        {
            db.ChangeTracker.Clear();
            await LoadAsync(territoryId, projectId, cancellationToken);
            return Page();
        }

        await db.SaveChangesAsync(cancellationToken);
        StatusMessage = $"Comité de pilotage du {date:dd/MM/yyyy} ajouté au planning.";
        return Redirect($"/territoires/{territoryId}/projets/{projectId}#planning");
    }

    public async Task<IActionResult> OnPostDeleteCopilAsync(Guid territoryId, Guid projectId, Guid copilId, CancellationToken cancellationToken)
    {
        var project = await ProjectLoading.FindAsync(db, territoryId, projectId, tracked: true, cancellationToken);
        var copil = project.Copils.SingleOrDefault(c => c.Id == copilId);
        if (copil is null)
        {
            return NotFound();
        }

        db.ProjectCopils.Remove(copil);
        await db.SaveChangesAsync(cancellationToken);
        StatusMessage = $"Comité de pilotage du {copil.Date:dd/MM/yyyy} retiré du planning.";
        return Redirect($"/territoires/{territoryId}/projets/{projectId}#planning");
    }

    public async Task<IActionResult> OnPostFollowUpAsync(Guid territoryId, Guid projectId, string? decision, DateOnly? decidedOn, string? note, long? version,
        CancellationToken cancellationToken)
    {
        var project = await ProjectLoading.FindAsync(db, territoryId, projectId, tracked: true, cancellationToken);
        try
        {
            await db.ExpectVersionAsync(project, version, cancellationToken);
            if (!ProjectFieldErrors.Try(ModelState, () => project.DecideFollowUp(FollowUpDecisions.Parse(decision), decidedOn, note), "Suite"))
            {
                PostedFollowUp = (decision, decidedOn, note);
                db.ChangeTracker.Clear();
                await LoadAsync(territoryId, projectId, cancellationToken);
                return Page();
            }

            await db.SaveCheckedAsync(cancellationToken);
        }
        catch (ConcurrencyConflictException)
        {
            db.ChangeTracker.Clear();
            await LoadAsync(territoryId, projectId, cancellationToken);
            throw;
        }

        StatusMessage = project.FollowUp is { } taken
            ? $"Suite donnée au partenariat : {taken.Label().ToLowerInvariant()} (décision du {project.FollowUpDecidedOn:dd/MM/yyyy})."
            : "La décision sur la suite du partenariat est retirée.";
        return Redirect($"/territoires/{territoryId}/projets/{projectId}#suite");
    }

    public string? ErrorOf(string key) => ModelState[key]?.Errors.FirstOrDefault()?.ErrorMessage;

    private async Task LoadAsync(Guid territoryId, Guid projectId, CancellationToken cancellationToken)
    {
        Project = await ProjectLoading.FindAsync(db, territoryId, projectId, tracked: false, cancellationToken);
        PerimeterAreas = perimeters.Describe(Project.Perimeter);
        Timeline = ProjectTimeline.Of(Project);
        History = await ProjectLoading.HistoryAsync(db, projectId, HistoryLength, cancellationToken);
        Roles = await ParticipationLoading.RolesAsync(db, territoryId, cancellationToken);
        var counts = await db.ProjectParticipations.Where(p => p.ProjectId == projectId && p.TerritoryId == territoryId)
            .GroupBy(p => p.Role).Select(g => new { Role = g.Key, Count = g.Count() })
            .ToListAsync(cancellationToken);
        RoleCounts = [.. counts.Select(c => (c.Role, c.Count))];
        Vigilance = (await vigilance.EvaluateAsync(territoryId, [Project], Roles, cancellationToken))[Project.Id];
        Cibles = await db.Cibles.AsNoTracking().Where(c => c.ProjectId == projectId && c.TerritoryId == territoryId)
            .OrderBy(c => c.Name).ThenBy(c => c.Id).Take(50)
            .Select(c => new CibleRow(c.Id, c.Name, db.CiblePlacements.Count(p => p.CibleId == c.Id)))
            .ToListAsync(cancellationToken);
    }
}
