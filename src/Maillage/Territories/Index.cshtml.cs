using System.Security.Claims;
using Maillage.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Maillage.Territories;

public sealed class IndexModel(AppDbContext db, TerritoryAccess access, PerimeterResolver perimeters) : PageModel
{
    public const int PageSize = 20;
    public const int ExcerptLength = 220;

    public sealed record Row(Guid Id, string Name, string? Description, TerritoryRole Role, bool IsDemo, int CommuneCount);

    /// <summary>The name searched (<c>?q=</c>).</summary>
    [BindProperty(SupportsGet = true, Name = "q")]
    public string? Search { get; set; }

    /// <summary>The page number (<c>?p=</c>): "page" is a route value Razor Pages keeps for itself.</summary>
    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageNumber { get; set; } = 1;

    public IReadOnlyList<Row> Territories { get; private set; } = [];
    public int Total { get; private set; }
    public int PageCount => Math.Max(1, (Total + PageSize - 1) / PageSize);

    [TempData]
    public string? StatusMessage { get; set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var userId = User.FindFirstValue(ClaimTypes.NameIdentifier);
        var administrator = User.IsAdministrator();
        var query = access.Visible(User).AsNoTracking();
        Search = string.IsNullOrWhiteSpace(Search) ? null : Search.Trim();
        if (Search is not null)
        {
            // Case-insensitive and run by the database; SQLite folds only ASCII letters, PostgreSQL all of them.
            // CA1862's StringComparison overload has no SQL translation.
            var upper = Search.ToUpperInvariant();
#pragma warning disable CA1862
            query = query.Where(t => t.Name.ToUpper().Contains(upper));
#pragma warning restore CA1862
        }

        Total = await query.CountAsync(cancellationToken);
        PageNumber = Math.Clamp(PageNumber, 1, PageCount);
        var rows = await query
            .OrderBy(t => t.Name).ThenBy(t => t.Id)
            .Skip((PageNumber - 1) * PageSize).Take(PageSize)
            .Select(t => new
            {
                t.Id,
                t.Name,
                t.Description,
                t.IsDemo,
                t.PerimeterCodes,
                Role = administrator
                    ? TerritoryRole.Administrateur
                    : db.TerritoryMembers.Where(m => m.TerritoryId == t.Id && m.UserId == userId).Select(m => m.Role).First(),
            })
            .ToListAsync(cancellationToken);
        Territories = rows
            .Select(r => new Row(r.Id, r.Name, Excerpt(r.Description), r.Role, r.IsDemo, perimeters.CommuneCount(Perimeter.Parse(r.PerimeterCodes))))
            .ToList();
    }

    public string PageUrl(int page) =>
        Url.Page("/Territories/Index", new { q = Search, p = page > 1 ? page : (int?)null }) ?? "/territoires";

    private static string? Excerpt(string? description)
    {
        if (description is null || description.Length <= ExcerptLength)
        {
            return description;
        }

        var cut = description.LastIndexOf(' ', ExcerptLength);
        return description[..(cut > ExcerptLength / 2 ? cut : ExcerptLength)].TrimEnd(',', ';', ':', '.', ' ') + "…";
    }
}
