using Maillage.Data;
using Maillage.Infrastructure;
using Maillage.Territories;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Maillage.Projects;

[TerritoryPage(TerritoryRole.Pilote, TerritoryRole.Pilote)]
public sealed class NewModel(AppDbContext db, PerimeterResolver perimeters) : PageModel
{
    [BindProperty]
    public ProjectApi.ProjectInput Input { get; set; } = new();

    public PerimeterPickerModel Picker => PerimeterPickerModel.For(Input.Perimeter, perimeters);

    [TempData]
    public string? StatusMessage { get; set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(Guid territoryId, CancellationToken cancellationToken)
    {
        var perimeter = PerimeterForm.Resolve(perimeters, Input.Perimeter, ModelState);
        Project? project = null;
        if (ModelState.IsValid && perimeter is not null)
        {
            ProjectFieldErrors.Try(ModelState, () =>
            {
                project = new Project(territoryId, Input.Name ?? "");
                project.Frame(Input.ToFrame(perimeter));
            });
        }

        if (!ModelState.IsValid || project is null)
        {
            return Page();
        }

        db.Projects.Add(project);
        await db.SaveChangesAsync(cancellationToken);
        StatusMessage = $"Le projet « {project.Name} » est créé : décrivez maintenant ses phases et son planning.";
        return Redirect($"/territoires/{territoryId}/projets/{project.Id}");
    }
}
