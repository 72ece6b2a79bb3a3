using System.Security.Claims;
using Maillage.Data;
using Maillage.Territories;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Maillage.Pages;

public sealed class IndexModel(AppDbContext db, TerritoryAccess access) : PageModel
{
    public sealed record TerritoryRow(Guid Id, string Name, string? Description, TerritoryRole Role);

    /// <summary>The home page shows the first territories; the paged list at /territoires shows them all.</summary>
    public const int Shown = 12;

    public IReadOnlyList<TerritoryRow> Territories { get; private set; } = [];
    public int Total { get; private set; }
    public string? DisplayName { get; private set; }

    [TempData]
    public string? StatusMessage { get; set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        DisplayName = User.FindFirstValue(ClaimTypes.GivenName);
        var userId = User.FindFirstValue(ClaimTypes.NameIdentifier);
        var administrator = User.IsAdministrator();
        Total = await access.Visible(User).CountAsync(cancellationToken);
        Territories = await access.Visible(User).AsNoTracking()
            .OrderBy(t => t.Name)
            .Select(t => new TerritoryRow(t.Id, t.Name, t.Description,
                administrator
                    ? TerritoryRole.Administrateur
                    : db.TerritoryMembers.Where(m => m.TerritoryId == t.Id && m.UserId == userId).Select(m => m.Role).First()))
            .Take(Shown)
            .ToListAsync(cancellationToken);
    }

    public async Task<IActionResult> OnPostDemoAsync(CancellationToken cancellationToken)
    {
        if (!User.IsAdministrator())
        {
            return Forbid();
        }

        var territory = await DemoTerritory.EnsureAsync(HttpContext.RequestServices, cancellationToken);
        StatusMessage = "Le territoire de démonstration est prêt.";
        return Redirect($"/territoires/{territory.Id}");
    }
}
