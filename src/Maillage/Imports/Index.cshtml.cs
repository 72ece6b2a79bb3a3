using Maillage.Data;
using Maillage.Infrastructure;
using Maillage.Territories;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Maillage.Imports;

/// <summary>Upload a file of actors, and the territory's past imports with their outcome (pilotes).</summary>
[TerritoryPage(TerritoryRole.Pilote, TerritoryRole.Pilote)]
[RequestSizeLimit(ImportUploads.MaxFileBytes)]
[RequestFormLimits(MultipartBodyLengthLimit = ImportUploads.MaxFileBytes)]
public sealed class IndexModel(AppDbContext db, ImportFiles files, TimeProvider time) : PageModel
{
    public const int PageSize = 20;

    public IReadOnlyList<Import> Imports { get; private set; } = [];
    public int PageNumber { get; private set; } = 1;
    public int PageCount { get; private set; } = 1;

    public Task OnGetAsync(Guid territoryId, int? page, CancellationToken cancellationToken) => LoadAsync(territoryId, page, cancellationToken);

    public async Task<IActionResult> OnPostAsync(Guid territoryId, IFormFile? file, CancellationToken cancellationToken)
    {
        if (file is null || file.Length == 0 && string.IsNullOrEmpty(file.FileName))
        {
            ModelState.AddModelError(string.Empty, "Choisissez un fichier à importer (.xlsx, .xls, .csv, .json ou fichier SIRENE).");
            await LoadAsync(territoryId, 1, cancellationToken);
            return Page();
        }

        try
        {
            var import = await ImportUploads.CreateAsync(db, files, time, territoryId, file, User, cancellationToken);
            return Redirect($"/territoires/{territoryId}/imports/{import.Id}");
        }
        catch (ImportFileException e)
        {
            ModelState.AddModelError(string.Empty, e.Message);
            await LoadAsync(territoryId, 1, cancellationToken);
            return Page();
        }
    }

    public string PageUrl(int page) => $"/territoires/{RouteData.Values["territoryId"]}/imports?page={page}";

    private async Task LoadAsync(Guid territoryId, int? page, CancellationToken cancellationToken)
    {
        var query = db.Imports.AsNoTracking().Where(i => i.TerritoryId == territoryId);
        var total = await query.CountAsync(cancellationToken);
        PageCount = Math.Max(1, (total + PageSize - 1) / PageSize);
        PageNumber = Math.Clamp(page ?? 1, 1, PageCount);
        Imports = await query.OrderByDescending(i => i.CreatedAt).ThenByDescending(i => i.Id)
            .Skip((PageNumber - 1) * PageSize).Take(PageSize).ToListAsync(cancellationToken);
    }
}
