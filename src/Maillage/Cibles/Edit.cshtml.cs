using Maillage.Data;
using Maillage.Infrastructure;
using Maillage.Territories;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Maillage.Cibles;

/// <summary>Renames a cible or its rings (refusing a stale form), or deletes it.</summary>
[TerritoryPage(TerritoryRole.Pilote, TerritoryRole.Pilote)]
public sealed class EditModel(AppDbContext db) : PageModel
{
    [BindProperty]
    public CibleForm Input { get; set; } = new();

    public Cible Cible { get; private set; } = null!;

    [TempData]
    public string? StatusMessage { get; set; }

    public async Task OnGetAsync(Guid territoryId, Guid cibleId, CancellationToken cancellationToken)
    {
        Cible = await CibleBoard.FindAsync(db, territoryId, cibleId, tracked: false, cancellationToken);
        Input = CibleForm.Of(Cible);
    }

    public async Task<IActionResult> OnPostAsync(Guid territoryId, Guid cibleId, CancellationToken cancellationToken)
    {
        Cible = await CibleBoard.FindAsync(db, territoryId, cibleId, tracked: true, cancellationToken);
        if (Input.Version is null)
        {
            ModelState.AddModelError(string.Empty, "La version de la cible lue avant la modification manque : rechargez la page puis recommencez.");
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        try
        {
            await db.ExpectVersionAsync(Cible, Input.Version, cancellationToken);
            await CibleBoard.EnsureRingsFitAsync(db, Cible, Input.RingCount, cancellationToken);
            Cible.Rename(Input.Name!, Input.Centre);
            Cible.SetRings(Input.RingNames, Input.RingCount);
            await db.SaveCheckedAsync(cancellationToken);
        }
        catch (ConcurrencyConflictException)
        {
            ModelState.Clear();
            db.ChangeTracker.Clear();
            Cible = await CibleBoard.FindAsync(db, territoryId, cibleId, tracked: false, cancellationToken);
            Input = CibleForm.Of(Cible);
            throw;
        }

        StatusMessage = $"Cible « {Cible.Name} » enregistrée.";
        return Redirect(ShowModel.PageUrl(territoryId, cibleId));
    }

    public async Task<IActionResult> OnPostDeleteAsync(Guid territoryId, Guid cibleId, CancellationToken cancellationToken)
    {
        Cible = await CibleBoard.FindAsync(db, territoryId, cibleId, tracked: true, cancellationToken);
        // Loaded rather than left to the cascade, so that the history records each placement removed.
        db.CiblePlacements.RemoveRange(await db.CiblePlacements.Where(p => p.CibleId == cibleId).ToListAsync(cancellationToken));
        db.Cibles.Remove(Cible);
        await db.SaveChangesAsync(cancellationToken);
        TempData["StatusMessage"] = $"Cible « {Cible.Name} » supprimée.";
        return Redirect($"/territoires/{territoryId}/cibles");
    }
}
