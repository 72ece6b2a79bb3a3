using Maillage.Data;
using Maillage.Infrastructure;
using Maillage.Territories;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Maillage.Analysis;

/// <summary>Fills the grid, the checklists and the decision, refusing a stale form; or deletes the analysis.</summary>
[TerritoryPage(TerritoryRole.Pilote, TerritoryRole.Pilote)]
public sealed class EditModel(AppDbContext db) : PageModel
{
    [BindProperty]
    public AnalysisForm Input { get; set; } = new();

    public EnvironmentAnalysis Analysis { get; private set; } = null!;

    [TempData]
    public string? StatusMessage { get; set; }

    public async Task OnGetAsync(Guid territoryId, Guid analysisId, CancellationToken cancellationToken)
    {
        Analysis = await AnalysisLookup.FindAsync(db, territoryId, analysisId, tracked: false, cancellationToken);
        Input = AnalysisForm.Of(Analysis);
    }

    public async Task<IActionResult> OnPostAsync(Guid territoryId, Guid analysisId, CancellationToken cancellationToken)
    {
        Analysis = await AnalysisLookup.FindAsync(db, territoryId, analysisId, tracked: true, cancellationToken);
        if (Input.Version is null)
        {
            ModelState.AddModelError(string.Empty, "La version de l'analyse lue avant la modification manque : rechargez la page puis recommencez.");
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        try
        {
            await db.ExpectVersionAsync(Analysis, Input.Version, cancellationToken);
            Input.ApplyTo(Analysis);
            await db.SaveCheckedAsync(cancellationToken);
        }
        catch (ConcurrencyConflictException)
        {
            // The person's text stays in the form; the stored version comes with the changes made since.
            db.ChangeTracker.Clear();
            var stored = await AnalysisLookup.FindAsync(db, territoryId, analysisId, tracked: false, cancellationToken);
            ModelState.Remove("Input.Version");
            Input.Version = stored.Version;
            throw;
        }

        StatusMessage = $"Analyse « {Analysis.Title} » enregistrée.";
        return Redirect($"/territoires/{territoryId}/analyses/{analysisId}");
    }

    public async Task<IActionResult> OnPostDeleteAsync(Guid territoryId, Guid analysisId, CancellationToken cancellationToken)
    {
        Analysis = await AnalysisLookup.FindAsync(db, territoryId, analysisId, tracked: true, cancellationToken);
        db.EnvironmentAnalyses.Remove(Analysis);
        await db.SaveChangesAsync(cancellationToken);
        TempData["StatusMessage"] = $"Analyse « {Analysis.Title} » supprimée.";
        return Redirect($"/territoires/{territoryId}/analyses");
    }
}
