using Maillage.Data;
using Maillage.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Maillage.Territories;

[TerritoryPage(TerritoryRole.Administrateur, TerritoryRole.Administrateur)]
public sealed class EditModel(AppDbContext db, PerimeterResolver perimeters) : PageModel
{
    [BindProperty]
    public TerritoryApi.TerritoryInput Input { get; set; } = new();

    public string TerritoryName { get; private set; } = "";

    public PerimeterPickerModel Picker => PerimeterPickerModel.For(Input.Perimeter, perimeters);

    [TempData]
    public string? StatusMessage { get; set; }

    public async Task OnGetAsync(Guid territoryId, CancellationToken cancellationToken) =>
        Fill(await db.Territories.AsNoTracking().SingleAsync(t => t.Id == territoryId, cancellationToken));

    public async Task<IActionResult> OnPostAsync(Guid territoryId, CancellationToken cancellationToken)
    {
        var territory = await db.Territories.SingleAsync(t => t.Id == territoryId, cancellationToken);
        TerritoryName = territory.Name;
        if (Input.Version is null)
        {
            ModelState.AddModelError(string.Empty, "La version du territoire lue avant la modification manque : rechargez la page puis recommencez.");
        }

        var perimeter = PerimeterForm.Resolve(perimeters, Input.Perimeter, ModelState);
        if (!ModelState.IsValid || perimeter is null)
        {
            return Page();
        }

        try
        {
            await db.ExpectVersionAsync(territory, Input.Version, cancellationToken);
            territory.Rename(Input.Name!, Input.Description);
            territory.SetPerimeter(perimeter);
            await db.SaveCheckedAsync(cancellationToken);
        }
        catch (ConcurrencyConflictException)
        {
            // The form now shows the current version, as the conflict message asks the person to reread it; the
            // page filter adds the message and the changes made meanwhile.
            ModelState.Clear();
            Fill(await db.Territories.AsNoTracking().SingleAsync(t => t.Id == territoryId, cancellationToken));
            throw;
        }

        StatusMessage = "Les modifications du territoire sont enregistrées.";
        return Redirect($"/territoires/{territoryId}");
    }

    public async Task<IActionResult> OnPostDeleteAsync(Guid territoryId, CancellationToken cancellationToken)
    {
        var territory = await db.Territories.SingleAsync(t => t.Id == territoryId, cancellationToken);
        db.Territories.Remove(territory);
        await db.SaveChangesAsync(cancellationToken);
        StatusMessage = $"Le territoire « {territory.Name} » est supprimé.";
        return Redirect("/territoires");
    }

    private void Fill(Territory territory)
    {
        TerritoryName = territory.Name;
        Input = new TerritoryApi.TerritoryInput
        {
            Name = territory.Name,
            Description = territory.Description,
            Perimeter = territory.Perimeter.Areas.Select(a => a.ToString()).ToList(),
            Version = territory.Version,
        };
    }
}
