using Maillage.Data;
using Maillage.Infrastructure;
using Maillage.Territories;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Maillage.Projects;

/// <summary>Edits the frame of a project, refusing a stale form with what changed meanwhile.</summary>
[TerritoryPage(TerritoryRole.Pilote, TerritoryRole.Pilote)]
public sealed class EditModel(AppDbContext db, PerimeterResolver perimeters) : PageModel
{
    [BindProperty]
    public ProjectApi.ProjectInput Input { get; set; } = new();

    public string ProjectName { get; private set; } = "";

    public PerimeterPickerModel Picker => PerimeterPickerModel.For(Input.Perimeter, perimeters);

    [TempData]
    public string? StatusMessage { get; set; }

    public async Task OnGetAsync(Guid territoryId, Guid projectId, CancellationToken cancellationToken)
    {
        var project = await ProjectLoading.FindAsync(db, territoryId, projectId, tracked: false, cancellationToken);
        ProjectName = project.Name;
        Input = ProjectApi.ProjectInput.Of(project);
    }

    public async Task<IActionResult> OnPostAsync(Guid territoryId, Guid projectId, CancellationToken cancellationToken)
    {
        var project = await ProjectLoading.FindAsync(db, territoryId, projectId, tracked: true, cancellationToken);
        ProjectName = project.Name;
        if (Input.Version is null)
        {
            ModelState.AddModelError(string.Empty, "La version du projet lue avant la modification manque : rechargez la page puis recommencez.");
        }

        var perimeter = PerimeterForm.Resolve(perimeters, Input.Perimeter, ModelState);
        if (!ModelState.IsValid || perimeter is null)
        {
            return Page();
        }

        try
        {
            await db.ExpectVersionAsync(project, Input.Version, cancellationToken);
            if (!ProjectFieldErrors.Try(ModelState, () => project.Frame(Input.ToFrame(perimeter))))
            {
                return Page();
            }

            await db.SaveCheckedAsync(cancellationToken);
        }
        catch (ConcurrencyConflictException)
        {
            ModelState.Clear();
            db.ChangeTracker.Clear();
            Input = ProjectApi.ProjectInput.Of(await ProjectLoading.FindAsync(db, territoryId, projectId, tracked: false, cancellationToken));
            throw;
        }

        StatusMessage = "Le cadre du projet est enregistré.";
        return Redirect($"/territoires/{territoryId}/projets/{projectId}");
    }

    public async Task<IActionResult> OnPostDeleteAsync(Guid territoryId, Guid projectId, long? version, CancellationToken cancellationToken)
    {
        var project = await ProjectLoading.FindAsync(db, territoryId, projectId, tracked: true, cancellationToken);
        ProjectName = project.Name;
        Input = ProjectApi.ProjectInput.Of(project);
        await db.ExpectVersionAsync(project, version, cancellationToken);
        db.Projects.Remove(project);
        await db.SaveCheckedAsync(cancellationToken);
        StatusMessage = $"Le projet « {project.Name} » est supprimé.";
        return Redirect($"/territoires/{territoryId}/projets");
    }
}
