using Maillage.Data;
using Maillage.Infrastructure;
using Maillage.Territories;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Maillage.Projects;

/// <summary>Edits one part of the project (« Focus sur chaque partie »), refusing a stale form.</summary>
[TerritoryPage(TerritoryRole.Pilote, TerritoryRole.Pilote)]
public sealed class PhaseModel(AppDbContext db) : PageModel
{
    [BindProperty]
    public ProjectApi.PhaseInput Input { get; set; } = new();

    public ProjectPhaseKind Kind { get; private set; }
    public string ProjectName { get; private set; } = "";

    [TempData]
    public string? StatusMessage { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid territoryId, Guid projectId, string phase, CancellationToken cancellationToken)
    {
        if (!ProjectPhases.TryParse(phase, out var kind))
        {
            return NotFound();
        }

        Kind = kind;
        var project = await ProjectLoading.FindAsync(db, territoryId, projectId, tracked: false, cancellationToken);
        ProjectName = project.Name;
        Input = Of(project.Phase(kind));
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid territoryId, Guid projectId, string phase, CancellationToken cancellationToken)
    {
        if (!ProjectPhases.TryParse(phase, out var kind))
        {
            return NotFound();
        }

        Kind = kind;
        var project = await ProjectLoading.FindAsync(db, territoryId, projectId, tracked: true, cancellationToken);
        ProjectName = project.Name;
        var part = project.Phase(kind);
        if (Input.Version is null)
        {
            ModelState.AddModelError(string.Empty, "La version de la phase lue avant la modification manque : rechargez la page puis recommencez.");
            return Page();
        }

        try
        {
            await db.ExpectVersionAsync(part, Input.Version, cancellationToken);
            if (!ProjectFieldErrors.Try(ModelState, () => part.Update(Input.Objectives, Input.Description, Input.Method, Input.StartDate, Input.EndDate)))
            {
                return Page();
            }

            await db.SaveCheckedAsync(cancellationToken);
        }
        catch (ConcurrencyConflictException)
        {
            ModelState.Clear();
            db.ChangeTracker.Clear();
            Input = Of((await ProjectLoading.FindAsync(db, territoryId, projectId, tracked: false, cancellationToken)).Phase(kind));
            throw;
        }

        StatusMessage = $"La phase « {kind.ShortLabel()} » est enregistrée.";
        return Redirect($"/territoires/{territoryId}/projets/{projectId}#phase-{kind.Code()}");
    }

    private static ProjectApi.PhaseInput Of(ProjectPhase phase) => new()
    {
        Objectives = phase.Objectives,
        Description = phase.Description,
        Method = phase.Method,
        StartDate = phase.StartDate,
        EndDate = phase.EndDate,
        Version = phase.Version,
    };
}
