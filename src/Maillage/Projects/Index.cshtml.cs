using Maillage.Data;
using Maillage.Infrastructure;
using Maillage.Territories;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Maillage.Projects;

/// <summary>The territory's projects, searched and paged in the database.</summary>
[TerritoryPage(TerritoryRole.Lecteur, TerritoryRole.Pilote)]
public sealed class IndexModel(AppDbContext db, CurrentTerritory current) : PageModel
{
    public const int PageSize = 25;

    [BindProperty(SupportsGet = true, Name = "q")]
    public string? Search { get; set; }

    /// <summary>The page number (<c>?p=</c>): "page" is a route value Razor Pages keeps for itself.</summary>
    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageNumber { get; set; } = 1;

    public ProjectPage Results { get; private set; } = new([], 0, 1, PageSize);

    public bool CanEdit => current.Required.Can(TerritoryRole.Pilote);

    [TempData]
    public string? StatusMessage { get; set; }

    public async Task OnGetAsync(Guid territoryId, CancellationToken cancellationToken) =>
        Results = await ProjectList.SearchAsync(db, territoryId, Search, Math.Max(1, PageNumber), PageSize, cancellationToken);

    public string PageUrl(int page) => Url.Page("/Projects/Index", new { q = Search, p = page > 1 ? page : (int?)null }) ?? "";
}
