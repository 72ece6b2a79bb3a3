using Maillage.Actors.Transfer;
using Maillage.Data;
using Maillage.Infrastructure;
using Maillage.Territories;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Maillage.Imports;

/// <summary>
/// One import: the columns matched to the directory's (guessed, editable, remembered for the territory), a check
/// that lists every problem by line and column, the import itself with its progress, then its report.
/// </summary>
[TerritoryPage(TerritoryRole.Pilote, TerritoryRole.Pilote)]
public sealed class ShowModel(AppDbContext db, ImportJobs jobs, TimeProvider time) : PageModel
{
    public const int ProblemsPageSize = 100;

    public Import Import { get; private set; } = null!;
    public IReadOnlyList<string> Headers { get; private set; } = [];
    public IReadOnlyList<string> Mapping { get; private set; } = [];
    public IReadOnlyList<ImportProblemDto> Problems { get; private set; } = [];
    public int ProblemsPage { get; private set; } = 1;
    public int ProblemsPageCount { get; private set; } = 1;
    public ImportProgress? Progress { get; private set; }
    public IReadOnlyList<ActorColumn> Columns => ActorColumns.All;
    public bool CanStart => Import.Status is ImportStatus.Draft or ImportStatus.Checked or ImportStatus.Failed or ImportStatus.Cancelled or ImportStatus.Interrupted;

    [TempData]
    public string? StatusMessage { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid territoryId, Guid importId, int? page, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(territoryId, importId, cancellationToken))
        {
            return NotFound();
        }

        var total = (int)Math.Min(int.MaxValue, Import.ProblemCount);
        ProblemsPageCount = Math.Max(1, (total + ProblemsPageSize - 1) / ProblemsPageSize);
        ProblemsPage = Math.Clamp(page ?? 1, 1, ProblemsPageCount);
        Problems = await ImportApi.ProblemsPageAsync(db, importId, ProblemsPage, ProblemsPageSize, cancellationToken);
        return Page();
    }

    /// <summary>The progress bar, polled by htmx; once the import is over the page reloads to show the report.</summary>
    public async Task<IActionResult> OnGetProgressAsync(Guid territoryId, Guid importId, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(territoryId, importId, cancellationToken))
        {
            return NotFound();
        }

        if (!Import.IsActive)
        {
            Response.Headers["HX-Refresh"] = "true";
        }

        return Partial("_ImportProgress", this);
    }

    public async Task<IActionResult> OnPostStartAsync(Guid territoryId, Guid importId, string?[]? mapping, bool dryRun, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(territoryId, importId, cancellationToken))
        {
            return NotFound();
        }

        var tracked = await db.Imports.SingleAsync(i => i.Id == importId, cancellationToken);
        var chosen = mapping is null ? null : mapping.Select(m => m ?? "").ToList();
        if (chosen is not null && chosen.Count != Headers.Count)
        {
            ModelState.AddModelError(string.Empty, "Choisissez une colonne (ou « Ignorer ») pour chaque en-tête du fichier.");
            return await OnGetAsync(territoryId, importId, 1, cancellationToken);
        }

        await ImportUploads.StartAsync(db, jobs, tracked, chosen, dryRun, cancellationToken);
        StatusMessage = dryRun ? "Vérification lancée : rien n'est écrit pendant la vérification." : "Import lancé : vous pouvez fermer cette page, il continue sur le serveur.";
        return Redirect($"/territoires/{territoryId}/imports/{importId}");
    }

    public async Task<IActionResult> OnPostCancelAsync(Guid territoryId, Guid importId, CancellationToken cancellationToken)
    {
        var tracked = await db.Imports.SingleOrDefaultAsync(i => i.Id == importId && i.TerritoryId == territoryId, cancellationToken);
        if (tracked is null)
        {
            return NotFound();
        }

        StatusMessage = await ImportUploads.CancelAsync(db, jobs, time, tracked, cancellationToken)
            ? "Annulation demandée : rien ne sera enregistré."
            : "Cet import n'était plus en cours.";
        return Redirect($"/territoires/{territoryId}/imports/{importId}");
    }

    public string PageUrl(int page) => $"/territoires/{Import.TerritoryId}/imports/{Import.Id}?page={page}#problemes";

    private async Task<bool> LoadAsync(Guid territoryId, Guid importId, CancellationToken cancellationToken)
    {
        var import = await db.Imports.AsNoTracking().SingleOrDefaultAsync(i => i.Id == importId && i.TerritoryId == territoryId, cancellationToken);
        if (import is null)
        {
            return false;
        }

        Import = import;
        Headers = import.HeaderList;
        Mapping = import.MappingList;
        Progress = jobs.ProgressOf(importId);
        return true;
    }
}
