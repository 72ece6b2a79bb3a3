using Maillage.Data;
using Maillage.Infrastructure;
using Maillage.Territories;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Maillage.Projects;

/// <summary>The territory's dashboard of points de vigilance: its projects, paged by name in the database, each with its points.</summary>
[TerritoryPage(TerritoryRole.Lecteur, TerritoryRole.Pilote)]
public sealed class VigilanceModel(AppDbContext db, VigilanceLoading vigilance) : PageModel
{
    /// <summary>The page number (<c>?p=</c>): "page" is a route value Razor Pages keeps for itself.</summary>
    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageNumber { get; set; } = 1;

    public VigilanceDashboard Dashboard { get; private set; } = new([], 0, 1, VigilanceDashboard.DefaultPageSize);

    public async Task OnGetAsync(Guid territoryId, CancellationToken cancellationToken)
    {
        Dashboard = await VigilanceDashboard.LoadAsync(db, vigilance, territoryId, Math.Max(1, PageNumber), VigilanceDashboard.DefaultPageSize, cancellationToken);
        if (Dashboard.Projects.Count == 0 && Dashboard.Total > 0)
        {
            Dashboard = await VigilanceDashboard.LoadAsync(db, vigilance, territoryId, Dashboard.PageCount, VigilanceDashboard.DefaultPageSize, cancellationToken);
        }
    }

    public string PageUrl(int page) => Url.Page("/Projects/Vigilance", new { p = page > 1 ? page : (int?)null }) ?? "";
}
