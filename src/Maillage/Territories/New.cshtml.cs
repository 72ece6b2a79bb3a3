using Maillage.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Maillage.Territories;

/// <summary>Creating a territory is an installation administrator's act: the territory has no members yet.</summary>
public sealed class NewModel(AppDbContext db, PerimeterResolver perimeters) : PageModel
{
    [BindProperty]
    public TerritoryApi.TerritoryInput Input { get; set; } = new();

    public PerimeterPickerModel Picker => PerimeterPickerModel.For(Input.Perimeter, perimeters);

    [TempData]
    public string? StatusMessage { get; set; }

    public IActionResult OnGet() => User.IsAdministrator() ? Page() : StatusCode(StatusCodes.Status403Forbidden);

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!User.IsAdministrator())
        {
            return StatusCode(StatusCodes.Status403Forbidden);
        }

        var perimeter = PerimeterForm.Resolve(perimeters, Input.Perimeter, ModelState);
        if (!ModelState.IsValid || perimeter is null)
        {
            return Page();
        }

        var territory = new Territory(Input.Name!, Input.Description, perimeter);
        db.Territories.Add(territory);
        await db.SaveChangesAsync(cancellationToken);
        StatusMessage = $"Le territoire « {territory.Name} » est créé. Ajoutez-y maintenant ses membres.";
        return Redirect($"/territoires/{territory.Id}");
    }
}
